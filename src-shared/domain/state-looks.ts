/**
 * The one look table per state kind (label, short label, tone, icon): a source's status, an
 * outbox state, a health signal. Each table is checked against its kind's list of values, so
 * a new value is one more row here and nowhere else; test/unit/app/homes.test.ts fails on a
 * second table. Views colour a look with the class `tone-<tone>` (src-renderer/styles/app.css).
 */
import type { HealthKind } from './health-kind';
import { lookIn, type Look, type ValueLook } from './look';
import type { SourceStatus } from './langwatch';
import type { OutboxState } from './outbox';

/** A source's status as LangWatch stores it; "archived" is not a status (see {@link ARCHIVED_LOOK}). */
export const SOURCE_STATUS_LOOK = {
  awaiting_first_event: { label: 'Awaiting first event', short: 'Awaiting', tone: 'warn', icon: '◷' },
  active: { label: 'Active', short: 'Active', tone: 'ok', icon: '●' },
  disabled: { label: 'Disabled', short: 'Disabled', tone: 'neutral', icon: '○' },
} as const satisfies Record<SourceStatus, Look>;

/** An archived source (`archivedAt` set), shown where a status would be. */
export const ARCHIVED_LOOK: Look = { label: 'Archived', short: 'Archived', tone: 'neutral', icon: '▣' };

/** An outbox entry's state. */
export const OUTBOX_STATE_LOOK = {
  staged: { label: 'Staged', short: 'Staged', tone: 'info', icon: '◷' },
  submitting: { label: 'Submitting…', short: 'Submitting', tone: 'info', icon: '↻' },
  retrying: { label: 'Waiting to retry', short: 'Retrying', tone: 'warn', icon: '↺' },
  needs_sign_in: { label: 'Needs sign-in', short: 'Sign-in', tone: 'warn', icon: '⚿' },
  waiting_for_keychain: { label: 'Waiting for the keychain', short: 'Keychain', tone: 'warn', icon: '⏸' },
  rejected: { label: 'Rejected', short: 'Rejected', tone: 'bad', icon: '✕' },
  key_missing: { label: 'Key missing', short: 'No key', tone: 'bad', icon: '⚠' },
  submitted: { label: 'Submitted', short: 'Submitted', tone: 'ok', icon: '✓' },
  expired: { label: 'Expired (key wiped)', short: 'Expired', tone: 'neutral', icon: '◔' },
  discarded: { label: 'Discarded (key wiped)', short: 'Discarded', tone: 'neutral', icon: '⊘' },
} as const satisfies Record<OutboxState, Look>;

/** A health signal; its tone decides whether it counts as needing attention (bad or warn). */
export const HEALTH_LOOK = {
  key_problem: { label: 'Key problem', short: 'key problem', tone: 'bad', icon: '✕' },
  never_pulled: { label: 'Never pulled', short: 'never pulled', tone: 'bad', icon: '⊘' },
  waiting_too_long: { label: 'Waiting too long', short: 'waiting too long', tone: 'warn', icon: '⚠' },
  silent: { label: 'Silent', short: 'silent', tone: 'warn', icon: '⚠' },
  unjudged: { label: 'Not judged', short: 'not judged', tone: 'neutral', icon: '?' },
  unknown: { label: 'Unknown', short: 'unknown status', tone: 'neutral', icon: '?' },
  awaiting: { label: 'Awaiting event', short: 'awaiting', tone: 'info', icon: '◷' },
  new: { label: 'New', short: 'new', tone: 'info', icon: '✦' },
  healthy: { label: 'Receiving events', short: 'receiving events', tone: 'ok', icon: '✓' },
  disabled: { label: 'Disabled', short: 'disabled', tone: 'neutral', icon: '○' },
  archived: { label: 'Archived', short: 'archived', tone: 'neutral', icon: '▣' },
} as const satisfies Record<HealthKind, Look>;

/** The look of a status as the server sent it (an unknown one: neutral, its raw words). */
export function sourceStatusLook(status: string): ValueLook {
  return lookIn(SOURCE_STATUS_LOOK, status);
}

/** The look of an outbox state (one from a newer build: neutral, its raw words). */
export function outboxStateLook(state: string): ValueLook {
  return lookIn(OUTBOX_STATE_LOOK, state);
}

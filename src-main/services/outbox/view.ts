/** The outbox records as the renderer may see them: never a secret, other people's without key facts. */
import { OutboxEntryShared, type OutboxEntryView } from '../../../src-shared/domain/outbox';
import type { OutboxEntry } from './entry';
import { accessOf, type Viewer } from './ownership';

/** The secret-free view of a record, as the viewer may see it (other people's: no key facts). */
export function toView(e: OutboxEntry, viewer: Viewer | null = null): OutboxEntryView {
  const access = viewer ? accessOf(e, viewer) : e.owner ? 'mine' : 'unowned';
  const own = access === 'mine';
  return {
    ...pickShared(e),
    values: own ? e.values : {},
    fingerprint: own ? e.fingerprint : null,
    lastError: own ? e.lastError : null,
    preflight: own ? e.preflight : null,
    access,
    owner: e.owner ? { email: e.owner.email, name: e.owner.name, deploymentUrl: e.owner.deploymentUrl } : null,
  };
}

/** The record's fields its view shares (read from the schema, so a record-only field never leaks). */
const SHARED_KEYS = OutboxEntryShared.keyof().options;

function pickShared(e: OutboxEntry): Pick<OutboxEntry, (typeof SHARED_KEYS)[number]> {
  return Object.fromEntries(SHARED_KEYS.map((k) => [k, e[k]])) as Pick<OutboxEntry, (typeof SHARED_KEYS)[number]>;
}

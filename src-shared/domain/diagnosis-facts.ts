/**
 * "What is known" about a source, as label/value rows: every fact the diagnosis reasons on,
 * with `unknown: true` where the console cannot know it (shown as unknown, never as a fact).
 */
import type { Diagnosis, DiagnosisFacts } from './diagnosis-schema';
import { describeSchedule } from './schedule-fact';
import { formatDuration } from './source-health';

type Row = { label: string; value: string; unknown: boolean };

/** "2026-12-01 12:00 UTC": a server time with its zone named (the diagnosis is also a report for an operator). */
export function utcText(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The facts, in the order a support person reads them. */
export function knownFacts(f: DiagnosisFacts): Row[] {
  const row = (label: string, value: string, unknown = false): Row => ({ label, value, unknown });
  const schedule = describeSchedule(f.schedule);
  const scheduleSource =
    f.schedule.kind === 'server'
      ? 'reported by LangWatch'
      : f.schedule.kind === 'console'
        ? `set by this console at ${utcText(f.schedule.at)}`
        : 'not reported by this LangWatch version, never set here';
  const check = f.keyCheck;
  return [
    row('Status', f.archivedAt ? `${f.status} (archived at ${utcText(f.archivedAt)})` : f.status),
    f.ageSec === null
      ? row('Age', 'unknown (the server clock was not read yet)', true)
      : row('Age', `${formatDuration(f.ageSec)} (server clock)`),
    row('Pull schedule', `${schedule.text} (${scheduleSource})`, schedule.scheduled === null),
    f.keyedHere
      ? row('Key sent from this console', `${f.keyedHere.fingerprint} at ${utcText(f.keyedHere.at)}`)
      : row('Key sent from this console', 'never; whether LangWatch holds a key is unknown', true),
    check
      ? row(
          'Key check',
          `${check.verdict} at ${utcText(check.checkedAt)}${check.requestId ? `, request-id ${check.requestId}` : ''} (${check.fingerprint}${check.origin === 'just_now' ? ', just now' : ''})`,
        )
      : row('Key check', 'none remembered here', true),
    f.feed
      ? row(
          'Feed activity (preview)',
          `${f.feed.activities}${f.feed.hasMore ? '+' : ''} activities at ${utcText(f.feed.fetchedAt)}${f.feed.requestId ? `, request-id ${f.feed.requestId}` : ''}`,
        )
      : row('Feed activity (preview)', 'unknown: not previewed', true),
    f.errors
      ? row('Pull errors', describeErrors(f.errors))
      : row('Pull errors', 'unknown: this LangWatch version exposes no error count or puller log', true),
    eventsRow(f),
  ];
}

/** The label of the one row the health read fills in. */
export const EVENTS_ROW = 'Events (30 d)';

type HealthFacts = Pick<DiagnosisFacts, 'health' | 'enterprise' | 'events30d' | 'lastEventIn30d'>;

/** "Events (30 d)": the count, or why it is not known (still loading, unavailable, the plan). */
function eventsRow(f: HealthFacts): Row {
  const unknown = (value: string): Row => ({ label: EVENTS_ROW, value, unknown: true });
  if (f.health?.kind === 'loading') return unknown('loading…');
  if (f.health?.kind === 'unavailable') return unknown(`unavailable (${f.health.reason})`);
  if (f.health?.kind === 'forbidden') return unknown('unknown: health needs the activityMonitor:view permission');
  if (f.events30d === null)
    return unknown(f.enterprise === false ? 'unknown: health needs an Enterprise plan' : 'unknown');
  const newest = f.lastEventIn30d ? `, newest ${utcText(f.lastEventIn30d)}` : '';
  return { label: EVENTS_ROW, value: `${f.events30d}${newest}`, unknown: false };
}

/** A health read's answer, as the detail has it (the `sources.health` channel's shape). */
export type HealthReadAnswer =
  | { kind: 'ok'; value: { events30d: number; lastSuccessIso: string | null } }
  | { kind: 'enterprise_required' }
  | { kind: 'forbidden' }
  | { kind: 'unavailable'; error: { message: string } };

function healthFacts(answer: HealthReadAnswer): HealthFacts {
  const none = { events30d: null, lastEventIn30d: null };
  switch (answer.kind) {
    case 'ok': {
      const { events30d, lastSuccessIso } = answer.value;
      return { enterprise: true, events30d, lastEventIn30d: lastSuccessIso, health: { kind: 'ok' } };
    }
    case 'enterprise_required':
      return { ...none, enterprise: false, health: { kind: 'enterprise_required' } };
    case 'forbidden':
      return { ...none, enterprise: null, health: { kind: 'forbidden' } };
    case 'unavailable':
      return { ...none, enterprise: null, health: { kind: 'unavailable', reason: answer.error.message.slice(0, 500) } };
  }
}

/**
 * A diagnosis with the health answer that arrived after it (the detail reads health on its
 * own, with its own deadline): only the "Events (30 d)" row changes, since no cause rests on it.
 */
export function withHealthAnswer(diagnosis: Diagnosis, answer: HealthReadAnswer): Diagnosis {
  const row = eventsRow(healthFacts(answer));
  return { ...diagnosis, known: diagnosis.known.map((r) => (r.label === EVENTS_ROW ? row : r)) };
}

/** "7 failed pulls in a row, rising (3 when first seen here 40 min ago)". */
export function describeErrors(errors: NonNullable<DiagnosisFacts['errors']>): string {
  const base = `${errors.count} failed pull${errors.count === 1 ? '' : 's'} in a row`;
  if (!errors.since) return base;
  const ago = `${Math.round(errors.since.secondsAgo / 60)} min ago`;
  if (errors.count > errors.since.count) return `${base}, rising (${errors.since.count} when first seen here ${ago})`;
  return `${base}, unchanged since first seen here ${ago}`;
}

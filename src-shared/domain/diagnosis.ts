/**
 * Why a `claude_compliance` source is not receiving events, from what the console can know.
 * PURE: main gathers the facts; this only reasons. Each cause is specific to its evidence
 * (a revoked key is "key rejected", never "no key stored"; an archived source is archived,
 * never "no activity yet"), ranked by how strong that evidence is, and ends in the one
 * action that fixes or confirms it. What cannot be known is said to be unknown.
 */
import { describeSchedule } from './schedule-fact';
import type { Cause, Diagnosis, DiagnosisFacts, Evidence } from './diagnosis-schema';
import { NEW_WITHIN_CADENCES } from './source-health';
import { describeErrors, knownFacts } from './diagnosis-facts';
import { formatDuration } from './duration';

export * from './diagnosis-schema';

const STRENGTH: Record<Evidence, number> = { confirmed: 0, likely: 1, possible: 2 };

/** The puller question for the LangWatch operator (contract langwatch.md §8). */
export const OPERATOR_QUESTION =
  'Please check the ingestion puller logs for this source. At some LangWatch versions the claude_compliance puller calls ' +
  'GET https://api.anthropic.com/v1/organizations/audit_log, which Anthropic does not document (the Compliance API is ' +
  '/v1/compliance/activities); every such pull fails and the source stays awaiting_first_event. Which endpoint does your puller call, and what error does it log?';

/** Reasons about a source that receives no events; causes strongest first. */
export function diagnoseSource(facts: DiagnosisFacts): Diagnosis {
  const known = knownFacts(facts);
  if (facts.sourceType !== 'claude_compliance' || (facts.status === 'active' && !facts.archivedAt))
    return { applies: false, known, causes: [] };
  const causes = [...stateCauses(facts), ...keyCauses(facts), ...scheduleCauses(facts), ...feedCauses(facts)];
  causes.sort((a, b) => STRENGTH[a.strength] - STRENGTH[b.strength]);
  return { applies: true, known, causes };
}

function stateCauses(f: DiagnosisFacts): Cause[] {
  if (f.archivedAt) {
    return [
      {
        id: 'archived',
        title: 'The source is archived',
        evidence: `Archived at ${f.archivedAt}: LangWatch never pulls an archived source.`,
        strength: 'confirmed',
        action: 'create_new',
        fix: 'Archiving cannot be undone: create a new source with the key.',
      },
    ];
  }
  if (f.status === 'disabled') {
    return [
      {
        id: 'disabled',
        title: 'The source is disabled',
        evidence: 'Its status is disabled: LangWatch does not pull disabled sources.',
        strength: 'confirmed',
        action: 'enable',
        fix: 'Enable it (needs ingestionSources:manage).',
      },
    ];
  }
  return [];
}

function keyCauses(f: DiagnosisFacts): Cause[] {
  // An archived source is never pulled again: its key is beside the point.
  if (f.archivedAt) return [];
  const check = f.keyCheck;
  if (check && (check.verdict === 'invalid_key' || check.verdict === 'missing_scope')) {
    const what =
      check.verdict === 'invalid_key'
        ? 'rejected the key (401: wrong, revoked or disabled)'
        : 'refused the key: it lacks read:compliance_activities (403)';
    return [
      {
        id: 'key_rejected',
        title: 'Anthropic rejects the key',
        evidence: `Anthropic ${what} at ${check.checkedAt}${requestIdNote(check.requestId)} for ${check.fingerprint}.`,
        strength: 'confirmed',
        action: 'replace_key',
        fix: 'Create a Compliance Access Key with read:compliance_activities and replace the key.',
      },
    ];
  }
  const causes: Cause[] = [];
  if (!f.keyedHere) {
    causes.push({
      id: 'key_never_sent_here',
      title: 'The key on the server is not known here',
      evidence:
        'This console never sent a key for this source, and LangWatch never says whether one is stored (the web composer stores none).',
      strength: 'possible',
      action: 'replace_key',
      fix: 'Replace the key from this console; it is tested with Anthropic before it is sent.',
    });
  }
  if (!check || check.verdict === 'inconclusive' || check.verdict === 'wrong_endpoint') {
    causes.push({
      id: 'key_unchecked',
      title: 'The key has not been checked',
      evidence: check
        ? `The last check (${check.checkedAt}) was ${check.verdict}: no verdict.`
        : 'No key check for this source is remembered here.',
      strength: 'possible',
      action: 'test_key',
      fix: 'Test the key again with Anthropic; the test previews the feed too.',
    });
  }
  return causes;
}

function scheduleCauses(f: DiagnosisFacts): Cause[] {
  if (f.archivedAt || f.status === 'disabled') return [];
  const words = describeSchedule(f.schedule);
  if (words.scheduled === false) {
    return [
      {
        id: 'no_schedule',
        title: 'No pull schedule',
        evidence: 'LangWatch reports no pullSchedule for this source: it is never pulled.',
        strength: 'confirmed',
        action: 'set_schedule',
        fix: 'Set a schedule (sending a cadence from this console sets pullSchedule).',
      },
    ];
  }
  if (words.scheduled === null) {
    return [
      {
        id: 'schedule_unknown',
        title: 'The pull schedule is unknown',
        evidence:
          'This LangWatch version does not report pullSchedule and this console never set one; a source created through the API without one is never pulled.',
        strength: 'possible',
        action: 'set_schedule',
        fix: 'Set a schedule from this console to be sure.',
      },
    ];
  }
  if (words.cadenceSec !== null && f.ageSec !== null && f.ageSec < NEW_WITHIN_CADENCES * words.cadenceSec) {
    return [
      {
        id: 'not_due_yet',
        title: 'The first pulls may not have run yet',
        evidence: `The source is ${formatDuration(f.ageSec)} old and is pulled ${words.text}.`,
        strength: 'likely',
        action: 'wait',
        fix: 'Wait for the next pull; the row turns active by itself.',
      },
    ];
  }
  return [];
}

function feedCauses(f: DiagnosisFacts): Cause[] {
  if (f.archivedAt || f.status === 'disabled') return [];
  if (f.feed && f.feed.activities === 0) {
    return [
      {
        id: 'feed_empty',
        title: 'The compliance feed is empty',
        evidence: `A preview at ${f.feed.fetchedAt}${requestIdNote(f.feed.requestId)} found no activity; an empty pull leaves the source awaiting.`,
        strength: 'likely',
        action: 'wait',
        fix: 'Use Claude in that organisation (any chat creates activity), then wait for the next pull.',
      },
    ];
  }
  const keyOk = f.keyCheck?.verdict === 'valid' || f.keyCheck?.verdict === 'rate_limited';
  const words = describeSchedule(f.schedule);
  const overdue = words.cadenceSec !== null && f.ageSec !== null && f.ageSec >= NEW_WITHIN_CADENCES * words.cadenceSec;
  if (keyOk && words.scheduled === true && overdue) {
    const feedNote = f.feed
      ? `the feed had ${f.feed.activities}${f.feed.hasMore ? '+' : ''} activities at ${f.feed.fetchedAt}`
      : 'the feed was not previewed';
    const errorsNote = f.errors
      ? ` LangWatch counts ${describeErrors(f.errors)}.`
      : ' LangWatch exposes no puller errors, so only its operator can see why.';
    return [
      {
        id: 'puller_failing',
        title: "LangWatch's puller is failing server-side",
        evidence: `The key works (${f.keyCheck!.checkedAt}${requestIdNote(f.keyCheck!.requestId)}), the source is pulled ${words.text} and is ${formatDuration(f.ageSec!)} old, ${feedNote}, yet no event arrived.${errorsNote}`,
        strength: (f.feed && f.feed.activities > 0) || (f.errors?.count ?? 0) > 0 ? 'likely' : 'possible',
        action: 'ask_operator',
        fix: OPERATOR_QUESTION,
      },
    ];
  }
  // Without a check, "Test key again" is already asked for (key_unchecked) and previews the feed too.
  if (!f.feed && f.keyCheck && f.keyCheck.verdict !== 'inconclusive' && f.keyCheck.verdict !== 'wrong_endpoint') {
    return [
      {
        id: 'feed_unknown',
        title: 'Whether the feed has activity is unknown',
        evidence: 'No preview of the compliance feed was run for this key.',
        strength: 'possible',
        action: 'test_key',
        fix: 'Test the key again: the check previews the feed too.',
      },
    ];
  }
  return [];
}

function requestIdNote(requestId: string | null): string {
  return requestId ? ` (request-id ${requestId})` : '';
}

/**
 * Why a `claude_compliance` source may be stuck in `awaiting_first_event` (contract §6), from
 * what the console knows. PURE: the facts are gathered elsewhere; this only reasons.
 * The server does not say which cause applies, so each cause comes with a likelihood and the
 * next step that would confirm or fix it.
 */
import { z } from 'zod';
import { describeCadence } from './cadence';
import type { KeyVerdictKind } from './key-verdict';

const KEY_VERDICT_KINDS = ['valid', 'invalid_key', 'missing_scope', 'rate_limited', 'inconclusive', 'wrong_endpoint'] as const satisfies readonly KeyVerdictKind[];

/** What the console knows about one source. */
export const DiagnosisFacts = z.object({
  sourceType: z.string(),
  /** The server's status: known ones, or a value from a newer server (reported as is). */
  status: z.string(),
  archived: z.boolean(),
  /** Age of the source in seconds (now - createdAt). */
  ageSec: z.number().nonnegative(),
  /** This console created (or re-keyed) it with a key, per its local history; null = no history here. */
  createdByConsoleWithKey: z.boolean().nullable(),
  /** When this console last sent a key for it (ISO), if it did. */
  lastKeyedAt: z.string().nullable(),
  /** `parserConfig.pollEverySec`, null when absent (e.g. created by the web composer). */
  cadenceSec: z.number().nullable(),
  /** The last key check this console made for the key it sent, if any. */
  keyVerdict: z.enum(KEY_VERDICT_KINDS).nullable(),
  /** Enterprise org (health available); null when unknown. */
  enterprise: z.boolean().nullable(),
  /** Events counted by health in the last 30 days, if known. */
  events30d: z.number().nullable(),
});
export type DiagnosisFacts = z.infer<typeof DiagnosisFacts>;

export const Likelihood = z.enum(['confirmed', 'likely', 'possible', 'unlikely']);
export type Likelihood = z.infer<typeof Likelihood>;

export const CauseId = z.enum(['not_stuck', 'source_disabled', 'no_pull_schedule', 'no_key_stored', 'key_rejected', 'feed_empty', 'not_due_yet']);
export type CauseId = z.infer<typeof CauseId>;

export const Diagnosis = z.object({
  /** Whether the diagnosis applies at all (a claude_compliance source awaiting its first event). */
  applies: z.boolean(),
  known: z.array(z.object({ label: z.string(), value: z.string() })),
  causes: z.array(z.object({ id: CauseId, cause: z.string(), likelihood: Likelihood, nextStep: z.string() })),
});
export type Diagnosis = z.infer<typeof Diagnosis>;

const ORDER: Record<Likelihood, number> = { confirmed: 0, likely: 1, possible: 2, unlikely: 3 };

/** Reasons about a source stuck in `awaiting_first_event`; causes come most likely first. */
export function diagnoseStuckSource(facts: DiagnosisFacts): Diagnosis {
  const known = knownFacts(facts);
  if (facts.sourceType !== 'claude_compliance') {
    return { applies: false, known, causes: [] };
  }
  if (facts.status === 'active') {
    return {
      applies: false,
      known,
      causes: [{ id: 'not_stuck', cause: 'The source is active: a pull brought events.', likelihood: 'confirmed', nextStep: 'Nothing to do.' }],
    };
  }
  const causes: Diagnosis['causes'] = [];
  if (facts.status === 'disabled' || facts.archived) {
    causes.push({
      id: 'source_disabled',
      cause: facts.archived ? 'The source is archived: it is never pulled again.' : 'The source is disabled: LangWatch does not pull disabled sources.',
      likelihood: 'confirmed',
      nextStep: facts.archived ? 'Create a new source (archiving cannot be undone).' : 'Enable it (an admin with ingestionSources:manage).',
    });
  }
  const consoleKeyed = facts.createdByConsoleWithKey === true;
  // pullSchedule and the key are never returned by the API. This console always sends both;
  // the LangWatch web composer sends neither (it stores pollEverySec, which the server does not
  // read). So without a record of this console keying the source, both are likely missing.
  if (!consoleKeyed) {
    const cadenceNote = facts.cadenceSec === null ? 'no cadence is set either' : 'a cadence is shown, but the server does not pull on pollEverySec';
    causes.push({
      id: 'no_pull_schedule',
      cause: `Possibly no pull schedule: this console did not create or re-key it (e.g. the LangWatch web composer, which sends no pullSchedule), and ${cadenceNote}. Such a source is never pulled.`,
      likelihood: 'likely',
      nextStep: 'Replace the key from this console: it sends the key and a pullSchedule for the chosen cadence together.',
    });
    causes.push({
      id: 'no_key_stored',
      cause: 'Possibly no key stored: the web composer drops the compliance key before sending, so the puller has nothing to authenticate with.',
      likelihood: 'likely',
      nextStep: 'Replace the key from this console (it sends parserConfig.credentials), then wait for the next pull.',
    });
  }
  if (facts.keyVerdict === 'invalid_key' || facts.keyVerdict === 'missing_scope') {
    causes.push({
      id: 'key_rejected',
      cause:
        facts.keyVerdict === 'invalid_key'
          ? 'The key was rejected by Anthropic (401): wrong, revoked or disabled, or a Claude API key.'
          : 'The key lacks the read:compliance_activities scope (403).',
      likelihood: 'confirmed',
      nextStep: 'Create a Compliance Access Key with read:compliance_activities in the Anthropic console and replace the key.',
    });
  } else if (facts.keyVerdict === 'valid' || facts.keyVerdict === 'rate_limited') {
    causes.push({
      id: 'key_rejected',
      cause: 'Anthropic rejecting the key: the last check here found it working.',
      likelihood: 'unlikely',
      nextStep: 'Re-run the key check if the key may have been revoked since.',
    });
  } else {
    causes.push({
      id: 'key_rejected',
      cause: 'The key may be rejected by Anthropic (401/403); LangWatch does not expose pull errors.',
      likelihood: 'possible',
      nextStep: 'Replace the key through this console: its pre-flight check tests the new key with Anthropic first.',
    });
  }
  const cadence = facts.cadenceSec;
  if (consoleKeyed && cadence !== null && facts.ageSec < cadence + 120 && facts.status === 'awaiting_first_event') {
    causes.push({
      id: 'not_due_yet',
      cause: `The first pull may not have run yet: the source is younger than its cadence (${describeCadence(cadence)}).`,
      likelihood: 'likely',
      nextStep: 'Wait for the next scheduled pull; the row turns active by itself.',
    });
  }
  causes.push({
    id: 'feed_empty',
    cause: 'The compliance feed had no activity yet in the pulled window (an empty pull leaves the status unchanged).',
    likelihood: facts.keyVerdict === 'valid' && consoleKeyed ? 'likely' : 'possible',
    nextStep: 'Use the Anthropic workspace (any chat creates activity), or preview events with the key check, then wait for the next pull.',
  });
  causes.sort((a, b) => ORDER[a.likelihood] - ORDER[b.likelihood]);
  return { applies: true, known, causes };
}

function knownFacts(facts: DiagnosisFacts): Diagnosis['known'] {
  return [
    { label: 'Age', value: formatAge(facts.ageSec) },
    {
      label: 'Created or re-keyed by this console with a key',
      value: facts.createdByConsoleWithKey === null ? 'no local history' : facts.createdByConsoleWithKey ? `yes${facts.lastKeyedAt ? ` (last ${facts.lastKeyedAt})` : ''}` : 'no',
    },
    { label: 'Cadence', value: facts.cadenceSec === null ? 'not set' : describeCadence(facts.cadenceSec) },
    { label: 'Last key check', value: facts.keyVerdict ?? 'none' },
    { label: 'Enterprise plan', value: facts.enterprise === null ? 'unknown' : facts.enterprise ? 'yes' : 'no (health needs an Enterprise plan)' },
    ...(facts.events30d !== null ? [{ label: 'Events (30 d)', value: String(facts.events30d) }] : []),
    { label: 'Status', value: facts.archived ? `${facts.status} (archived)` : facts.status },
  ];
}

/** "3 d 4 h", "12 min", "40 s". */
export function formatAge(seconds: number): string {
  if (seconds < 60) return `${Math.floor(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86_400)} d ${Math.floor((seconds % 86_400) / 3600)} h`;
}

/**
 * Why a source of a type other than `claude_compliance` shows no events, in causes that fit
 * its delivery mode (`diagnosis.ts` judges the compliance source with key checks and its feed;
 * the other types have no such evidence yet, so these are the causes to look at, ranked by how
 * the type works, never a verdict). A push source with no event means nothing reached
 * LangWatch yet: the answer says where to send (the endpoint, `push-target` in the renderer).
 * Push facts follow LangWatch's install drawer (`ingestion-sources.tsx`) and receivers.
 */
import { isKnownSourceType, type SourceType } from './langwatch';
import { catalogEntry } from './source-catalog';

export interface TypeCause {
  id: string;
  title: string;
  detail: string;
}

export interface TypeDiagnosis {
  sourceType: SourceType;
  headline: string;
  /** Push sources: show where to send (endpoint + ingest secret). */
  showPushTarget: boolean;
  causes: TypeCause[];
}

export interface TypeDiagnosisInput {
  sourceType: string;
  status: string;
  lastEventAt: string | null;
  archivedAt: string | null;
}

const DISABLED: TypeCause = {
  id: 'disabled',
  title: 'The source is disabled',
  detail: 'LangWatch takes no events for a disabled source. Enable it under Edit.',
};

const PUSH_CAUSES: Partial<Record<SourceType, TypeCause>> = {
  claude_code: {
    id: 'telemetry_off',
    title: 'Claude Code telemetry is off',
    detail:
      'Claude Code exports only with CLAUDE_CODE_ENABLE_TELEMETRY=1 and the OTEL_*_EXPORTER variables set to otlp, in the shell that runs it.',
  },
  claude_cowork: {
    id: 'cowork_telemetry',
    title: 'Cowork telemetry is not pointed here',
    detail: 'In the Anthropic Admin Console (Cowork → Telemetry), the OTLP endpoint and its bearer header must be set.',
  },
  workato: {
    id: 'recipe_not_run',
    title: 'No Workato job completed since the webhook was set',
    detail: 'Workato posts one webhook per completed job; a recipe that has not run sends nothing.',
  },
};

const PULL_CAUSES: TypeCause[] = [
  {
    id: 'not_pulled_yet',
    title: 'LangWatch has not pulled yet',
    detail: 'Events arrive on the next pull of the schedule; a new source waits for its first run.',
  },
  {
    id: 'credentials_refused',
    title: 'The upstream refused the credentials',
    detail: 'A pull with a revoked or under-scoped credential fetches nothing. Re-key it under Edit.',
  },
  {
    id: 'no_upstream_activity',
    title: 'Nothing happened upstream',
    detail: 'A pull only brings what the platform recorded since the last one.',
  },
];

const S3_CAUSES: TypeCause[] = [
  {
    id: 'role_trust',
    title: 'LangWatch cannot assume the role',
    detail: "The cross-account role's trust policy must let LangWatch assume it, with read access to the bucket.",
  },
  {
    id: 'no_files',
    title: 'No new files under the prefix',
    detail: 'LangWatch reads files dropped under the bucket and prefix since its last run; a wrong prefix finds none.',
  },
  PULL_CAUSES[0]!,
];

/** The causes to look at for a source that shows no events; null where this does not apply. */
export function typeDiagnosis(input: TypeDiagnosisInput): TypeDiagnosis | null {
  if (!isKnownSourceType(input.sourceType) || input.sourceType === 'claude_compliance') return null;
  if (input.archivedAt !== null) return null;
  const entry = catalogEntry(input.sourceType);
  const disabled = input.status === 'disabled';
  if (input.lastEventAt !== null && !disabled) return null;
  const first = disabled ? [DISABLED] : [];
  if (entry.mode === 'push') {
    const typeCause = PUSH_CAUSES[entry.type];
    return {
      sourceType: entry.type,
      headline:
        input.lastEventAt === null
          ? 'Nothing was sent to this source yet.'
          : 'The source is disabled: new events are refused.',
      showPushTarget: true,
      causes: [
        ...first,
        {
          id: 'not_configured',
          title: `${entry.label} is not sending here yet`,
          detail: 'Point its exporter or webhook at the endpoint above, with the ingest secret as a bearer token.',
        },
        ...(typeCause ? [typeCause] : []),
        {
          id: 'wrong_secret',
          title: 'The push carries another secret',
          detail:
            "LangWatch refuses a push with another source's secret, or one rotated out after its 24 h grace (401); such a push never shows here.",
        },
      ],
    };
  }
  return {
    sourceType: entry.type,
    headline:
      input.lastEventAt === null ? 'No event was pulled yet.' : 'The source is disabled: LangWatch does not pull it.',
    showPushTarget: false,
    causes: [...first, ...(entry.mode === 's3' ? S3_CAUSES : PULL_CAUSES)],
  };
}

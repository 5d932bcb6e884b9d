import { checkComplianceKey, keyFingerprint } from '../../../src-shared/domain/compliance-key';
import type { KeyCheckResult, KeyPreviewResult } from '../../../src-shared/domain/key-check';
import { KEY_PREVIEW_SIZE } from '../../../src-shared/domain/key-check';
import { keyVerdictSchema, type KeyVerdict } from '../../../src-shared/domain/key-verdict';
import { AppError } from '../../../src-shared/errors';
import { readStagedKey } from '../outbox/staged-key';
import type { AutomaticKeyCheck, KeyChecks, KeyChecksOptions, StagedKeyTarget, StagedLookup } from './key-checks-types';

export type {
  AutomaticKeyCheck,
  ConsoleKeyChecks,
  KeyChecks,
  KeyChecksOptions,
  StagedKeySource,
  StagedKeyTarget,
  StagedLookup,
} from './key-checks-types';

/** What the key checks share: the options, the attached staged lookup, the checks in flight. */
interface KeyChecksState {
  options: KeyChecksOptions;
  stagedLookup: StagedLookup | null;
  /** One request per staged entry at a time: a double click must not cost two feed calls. */
  inFlight: Map<string, Promise<KeyCheckResult>>;
}

/** Verdicts that are facts about the key (not about the network or Anthropic's load). */
const DEFINITIVE: ReadonlySet<KeyVerdict['verdict']> = new Set(['valid', 'invalid_key', 'missing_scope']);

/** The trimmed key, or `invalid_argument` with the form's message (never the key). */
function validKey(raw: string): string {
  const check = checkComplianceKey(raw);
  if (!check.ok) throw new AppError('invalid_argument', check.message, { field: 'key', reason: check.code });
  return check.key;
}

async function resolveStaged(
  state: KeyChecksState,
  stagedId: string,
): Promise<{ key: string; target: StagedKeyTarget }> {
  const { options, stagedLookup } = state;
  let target: StagedKeyTarget | null;
  if (stagedLookup) {
    target = await stagedLookup(stagedId);
    if (!target) throw new AppError('outbox.not_found', 'This staged entry no longer exists.', { stagedId });
  } else {
    const profileId = options.activeProfileId();
    if (!profileId) throw new AppError('profile.not_found', 'No deployment profile is active.', { stagedId });
    target = { profileId, sourceId: null };
  }
  // Another type's secret unit is not a compliance key: say so, never "the key is gone".
  if (target.sourceType !== undefined && target.sourceType !== 'claude_compliance')
    throw new AppError('invalid_argument', 'This staged entry holds no compliance key to test.', {
      stagedId,
      sourceType: target.sourceType,
    });
  const read = await readStagedKey(options.secrets, stagedId);
  // A locked keychain answers null too: say so, never "the key is gone".
  if (read.kind === 'unavailable') throw new AppError('keychain.unavailable', read.error.message, { stagedId });
  if (read.kind === 'absent') {
    throw new AppError(
      'outbox.key_missing',
      'The keychain no longer holds the key of this staged entry, so it cannot be tested. Enter the key again or discard the entry.',
      { stagedId },
    );
  }
  return { key: validKey(read.key), target };
}

async function remember(
  state: KeyChecksState,
  verdict: KeyVerdict,
  fingerprint: string,
  target: Pick<StagedKeyTarget, 'profileId' | 'sourceId'>,
  stagedId: string | null,
  anthropicBaseUrl: string,
): Promise<void> {
  const recorded = await state.options.memory.record({
    verdict,
    fingerprint,
    stagedId,
    sourceId: target.sourceId,
    profileId: target.profileId,
    anthropicBaseUrl,
  });
  state.options.onRecorded?.(recorded);
}

function logVerdict(state: KeyChecksState, what: string, context: Record<string, unknown>, verdict: KeyVerdict): void {
  state.options.log.info(what, {
    ...context,
    verdict: verdict.verdict,
    httpStatus: verdict.httpStatus,
    requestId: verdict.requestId,
    attempts: verdict.attempts,
  });
}

/** Reads the newest activities with a key and logs what came back (counts and request id, no secret). */
async function previewAndLog(
  state: KeyChecksState,
  what: string,
  key: string,
  anthropicBaseUrl: string,
  context: Record<string, unknown>,
): Promise<KeyPreviewResult['preview']> {
  const { complianceApi, log } = state.options;
  const preview = await complianceApi.previewActivities({ baseUrl: anthropicBaseUrl, key, limit: KEY_PREVIEW_SIZE });
  log.info(what, { ...context, events: preview.events.length, requestId: preview.requestId });
  return preview;
}

/** A preview's failure carries its verdict; add what the renderer needs to explain it. */
function previewFailure(error: unknown, extra: Record<string, unknown>): unknown {
  if (!(error instanceof AppError) || error.code !== 'anthropic.request_failed') return error;
  return new AppError(error.code, error.message, { ...error.details, ...extra });
}

function verdictOf(error: unknown): KeyVerdict | null {
  if (!(error instanceof AppError) || error.code !== 'anthropic.request_failed') return null;
  const parsed = keyVerdictSchema.safeParse(error.details?.['verdict']);
  return parsed.success ? parsed.data : null;
}

async function linkSource(state: KeyChecksState, stagedId: string, sourceId: string): Promise<void> {
  const linked = await state.options.memory.linkSource(stagedId, sourceId);
  if (linked) state.options.onRecorded?.(linked);
}

function checkStaged(state: KeyChecksState, stagedId: string): Promise<KeyCheckResult> {
  const { options, inFlight } = state;
  const running = inFlight.get(stagedId);
  if (running) return running;
  const run = (async () => {
    const { key, target } = await resolveStaged(state, stagedId);
    const anthropicBaseUrl = target.anthropicBaseUrl ?? (await options.anthropicBaseUrlOf(target.profileId));
    const fingerprint = keyFingerprint(key);
    const verdict = await options.complianceApi.checkKey({ baseUrl: anthropicBaseUrl, key });
    logVerdict(state, 'staged key checked', { stagedId, profileId: target.profileId, fingerprint }, verdict);
    await remember(state, verdict, fingerprint, target, stagedId, anthropicBaseUrl);
    return { verdict, fingerprint, profileId: target.profileId, anthropicBaseUrl };
  })().finally(() => inFlight.delete(stagedId));
  inFlight.set(stagedId, run);
  return run;
}

async function previewStaged(state: KeyChecksState, stagedId: string): Promise<KeyPreviewResult> {
  const { key, target } = await resolveStaged(state, stagedId);
  const anthropicBaseUrl = target.anthropicBaseUrl ?? (await state.options.anthropicBaseUrlOf(target.profileId));
  const fingerprint = keyFingerprint(key);
  try {
    const preview = await previewAndLog(state, 'staged key preview', key, anthropicBaseUrl, { stagedId, fingerprint });
    return { preview, fingerprint, profileId: target.profileId, anthropicBaseUrl };
  } catch (error) {
    // A failed preview is as much a verdict about the key as a check.
    const verdict = verdictOf(error);
    if (verdict) await remember(state, verdict, fingerprint, target, stagedId, anthropicBaseUrl);
    throw previewFailure(error, { fingerprint, anthropicBaseUrl });
  }
}

async function checkForOutbox(state: KeyChecksState, { entry, ...check }: AutomaticKeyCheck): Promise<KeyVerdict> {
  const verdict = await state.options.complianceApi.checkKey(check);
  await remember(
    state,
    verdict,
    entry.fingerprint ?? '',
    { profileId: entry.profileId, sourceId: null },
    entry.stagedId,
    check.baseUrl,
  ).catch((error: unknown) => state.options.log.warn('key check verdict not remembered', { error: error as Error }));
  return verdict;
}

/** Creates the key-check service. */
export function createKeyChecks(options: KeyChecksOptions): KeyChecks {
  const { complianceApi, memory, log } = options;
  const state: KeyChecksState = { options, stagedLookup: options.stagedLookup ?? null, inFlight: new Map() };
  return {
    async checkTyped({ profileId, key: raw, sourceId }) {
      const key = validKey(raw);
      const anthropicBaseUrl = await options.anthropicBaseUrlOf(profileId);
      const fingerprint = keyFingerprint(key);
      const verdict = await complianceApi.checkKey({ baseUrl: anthropicBaseUrl, key });
      logVerdict(state, 'typed key checked', { profileId, fingerprint }, verdict);
      if (sourceId && DEFINITIVE.has(verdict.verdict)) {
        // A transient verdict (rate limit, network) must not hide a confirmed one: only facts are kept.
        await remember(state, verdict, fingerprint, { profileId, sourceId }, null, anthropicBaseUrl);
      }
      return { verdict, fingerprint, profileId, anthropicBaseUrl };
    },
    checkStaged: ({ stagedId }) => checkStaged(state, stagedId),
    async previewTyped({ profileId, key: raw }) {
      const key = validKey(raw);
      const anthropicBaseUrl = await options.anthropicBaseUrlOf(profileId);
      const fingerprint = keyFingerprint(key);
      try {
        const preview = await previewAndLog(state, 'typed key preview', key, anthropicBaseUrl, {
          profileId,
          fingerprint,
        });
        return { preview, fingerprint, profileId, anthropicBaseUrl };
      } catch (error) {
        throw previewFailure(error, { fingerprint, anthropicBaseUrl });
      }
    },
    previewStaged: ({ stagedId }) => previewStaged(state, stagedId),
    lastVerdicts: () => memory.all(),
    lastVerdictFor: (query) => memory.lastFor(query),
    async recordVerdict(input) {
      const recorded = await memory.record(input);
      options.onRecorded?.(recorded);
      return recorded;
    },
    linkSource: (stagedId, sourceId) => linkSource(state, stagedId, sourceId),
    checkForOutbox: (check) => checkForOutbox(state, check),
    async lastCheckOf(sourceId) {
      const last = memory.lastFor({ sourceId });
      if (!last) return null;
      const { verdict, requestId, checkedAt } = last.verdict;
      return { verdict, requestId, checkedAt, fingerprint: last.fingerprint };
    },
    attachOutbox(outbox) {
      state.stagedLookup = (stagedId) => outbox.stagedKeyTarget(stagedId);
      outbox.onSubmitted((entry) => {
        if (!entry.sourceId) return;
        linkSource(state, entry.id, entry.sourceId).catch((error: unknown) =>
          log.warn('key verdict not linked', { error: error as Error }),
        );
      });
    },
  };
}

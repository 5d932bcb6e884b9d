import { checkComplianceKey, keyFingerprint } from '../../../src-shared/domain/compliance-key';
import type {
  KeyCheckResult,
  KeyPreviewResult,
  LastKeyVerdicts,
  RecordedKeyVerdict,
} from '../../../src-shared/domain/key-check';
import { KEY_PREVIEW_SIZE } from '../../../src-shared/domain/key-check';
import type { KeyCheckFact } from '../../../src-shared/domain/diagnosis';
import { keyVerdictSchema, type KeyVerdict } from '../../../src-shared/domain/key-verdict';
import { AppError } from '../../../src-shared/errors';
import type { ComplianceApiClient } from '../anthropic';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { VerdictMemory } from './verdict-memory';
import { readStagedKey } from '../outbox/staged-key';

/** Verdicts that are facts about the key (not about the network or Anthropic's load). */
const DEFINITIVE: ReadonlySet<KeyVerdict['verdict']> = new Set(['valid', 'invalid_key', 'missing_scope']);

/** Where a staged entry belongs: its profile (deployment) and, once known, its source. */
export interface StagedKeyTarget {
  profileId: string;
  sourceId: string | null;
  /** The Anthropic URL the key was staged for (the profile's may have changed since). */
  anthropicBaseUrl?: string;
}

/**
 * Finds a staged entry (the outbox provides it); null when there is no such entry.
 * Until an outbox is attached, staged keys are checked against the active profile.
 */
export type StagedLookup = (stagedId: string) => StagedKeyTarget | null | Promise<StagedKeyTarget | null>;

/** What the outbox offers the key checks: its staged entries and its submissions. */
export interface StagedKeySource {
  stagedKeyTarget: StagedLookup;
  onSubmitted(listener: (entry: { id: string; sourceId: string | null }) => void): () => void;
}

/** The outbox worker's automatic key check of an entry's key (see `KeyChecks.checkForOutbox`). */
export interface AutomaticKeyCheck {
  key: string;
  baseUrl: string;
  signal?: AbortSignal;
  /** Which entry the key belongs to, so the verdict can be remembered without the key. */
  entry: { stagedId: string; profileId: string; fingerprint: string | null };
}

/** Options of {@link createKeyChecks}. */
export interface KeyChecksOptions {
  complianceApi: ComplianceApiClient;
  secrets: SecretStore;
  /** The profile's Anthropic base URL (throws `profile.not_found`). */
  anthropicBaseUrlOf(profileId: string): Promise<string>;
  /** Fallback profile for staged keys while no outbox lookup is attached. */
  activeProfileId(): string | null;
  memory: VerdictMemory;
  log: Logger;
  /** Called with every remembered verdict (the `keyChecks.verdictRecorded` event). */
  onRecorded?: (recorded: RecordedKeyVerdict) => void;
  stagedLookup?: StagedLookup;
}

/** Key checks and event previews for typed and staged keys, and the memory of their verdicts. */
export interface KeyChecks {
  /**
   * Tests a typed key; the key is used for this one request and dropped. With a `sourceId`
   * (the diagnosis' "Test key again"), a definitive verdict is remembered for that source.
   */
  checkTyped(input: { profileId: string; key: string; sourceId?: string }): Promise<KeyCheckResult>;
  /** Tests a staged key read from the keychain; remembers the verdict. */
  checkStaged(input: { stagedId: string }): Promise<KeyCheckResult>;
  previewTyped(input: { profileId: string; key: string }): Promise<KeyPreviewResult>;
  previewStaged(input: { stagedId: string }): Promise<KeyPreviewResult>;
  lastVerdicts(): LastKeyVerdicts;
  /** The most recent verdict about a source or a staged entry (for the diagnosis view). */
  lastVerdictFor(query: { sourceId?: string | null; stagedId?: string | null }): RecordedKeyVerdict | null;
  /**
   * Remembers a verdict reached elsewhere (the outbox worker's automatic key check), so
   * `lastVerdicts` and the diagnosis see it too.
   */
  recordVerdict(input: {
    verdict: KeyVerdict;
    fingerprint: string;
    stagedId: string | null;
    sourceId: string | null;
    profileId: string;
    anthropicBaseUrl: string;
  }): Promise<RecordedKeyVerdict>;
  /** Files a staged entry's last verdict under the source it became. */
  linkSource(stagedId: string, sourceId: string): Promise<void>;
  /**
   * The outbox's automatic key check: its verdict is remembered like a manual "Test key", so the
   * diagnosis of a stuck source can use it; remembering it never blocks a submission.
   */
  checkForOutbox: (check: AutomaticKeyCheck) => Promise<KeyVerdict>;
  /** The last remembered check of the key this console sent to a source (the diagnosis' fact). */
  lastCheckOf: (sourceId: string) => Promise<Omit<KeyCheckFact, 'origin'> | null>;
  /**
   * Attaches the outbox (created after this service, as its worker calls `checkForOutbox`): a
   * staged key is tested against its own entry's profile, only by the person who staged it
   * (`stagedKeyTarget` refuses others), and its last verdict follows it to the source it becomes.
   */
  attachOutbox(outbox: StagedKeySource): void;
}

/** Creates the key-check service. */
export function createKeyChecks(options: KeyChecksOptions): KeyChecks {
  const { complianceApi, secrets, memory, log } = options;
  let stagedLookup = options.stagedLookup ?? null;
  // One request per staged entry at a time: a double click must not cost two feed calls.
  const inFlight = new Map<string, Promise<KeyCheckResult>>();

  /** The trimmed key, or `invalid_argument` with the form's message (never the key). */
  function validKey(raw: string): string {
    const check = checkComplianceKey(raw);
    if (!check.ok) throw new AppError('invalid_argument', check.message, { field: 'key', reason: check.code });
    return check.key;
  }

  async function resolveStaged(stagedId: string): Promise<{ key: string; target: StagedKeyTarget }> {
    let target: StagedKeyTarget | null;
    if (stagedLookup) {
      target = await stagedLookup(stagedId);
      if (!target) throw new AppError('outbox.not_found', 'This staged entry no longer exists.', { stagedId });
    } else {
      const profileId = options.activeProfileId();
      if (!profileId) throw new AppError('profile.not_found', 'No deployment profile is active.', { stagedId });
      target = { profileId, sourceId: null };
    }
    const read = await readStagedKey(secrets, stagedId);
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
    verdict: KeyVerdict,
    fingerprint: string,
    target: Pick<StagedKeyTarget, 'profileId' | 'sourceId'>,
    stagedId: string | null,
    anthropicBaseUrl: string,
  ): Promise<void> {
    const recorded = await memory.record({
      verdict,
      fingerprint,
      stagedId,
      sourceId: target.sourceId,
      profileId: target.profileId,
      anthropicBaseUrl,
    });
    options.onRecorded?.(recorded);
  }

  function logVerdict(what: string, context: Record<string, unknown>, verdict: KeyVerdict): void {
    log.info(what, {
      ...context,
      verdict: verdict.verdict,
      httpStatus: verdict.httpStatus,
      requestId: verdict.requestId,
      attempts: verdict.attempts,
    });
  }

  /** Reads the newest activities with a key and logs what came back (counts and request id, no secret). */
  async function previewAndLog(
    what: string,
    key: string,
    anthropicBaseUrl: string,
    context: Record<string, unknown>,
  ): Promise<KeyPreviewResult['preview']> {
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

  async function linkSource(stagedId: string, sourceId: string): Promise<void> {
    const linked = await memory.linkSource(stagedId, sourceId);
    if (linked) options.onRecorded?.(linked);
  }

  return {
    async checkTyped({ profileId, key: raw, sourceId }) {
      const key = validKey(raw);
      const anthropicBaseUrl = await options.anthropicBaseUrlOf(profileId);
      const fingerprint = keyFingerprint(key);
      const verdict = await complianceApi.checkKey({ baseUrl: anthropicBaseUrl, key });
      logVerdict('typed key checked', { profileId, fingerprint }, verdict);
      if (sourceId && DEFINITIVE.has(verdict.verdict)) {
        // A transient verdict (rate limit, network) must not hide a confirmed one: only facts are kept.
        await remember(verdict, fingerprint, { profileId, sourceId }, null, anthropicBaseUrl);
      }
      return { verdict, fingerprint, profileId, anthropicBaseUrl };
    },

    checkStaged({ stagedId }) {
      const running = inFlight.get(stagedId);
      if (running) return running;
      const run = (async () => {
        const { key, target } = await resolveStaged(stagedId);
        const anthropicBaseUrl = target.anthropicBaseUrl ?? (await options.anthropicBaseUrlOf(target.profileId));
        const fingerprint = keyFingerprint(key);
        const verdict = await complianceApi.checkKey({ baseUrl: anthropicBaseUrl, key });
        logVerdict('staged key checked', { stagedId, profileId: target.profileId, fingerprint }, verdict);
        await remember(verdict, fingerprint, target, stagedId, anthropicBaseUrl);
        return { verdict, fingerprint, profileId: target.profileId, anthropicBaseUrl };
      })().finally(() => inFlight.delete(stagedId));
      inFlight.set(stagedId, run);
      return run;
    },

    async previewTyped({ profileId, key: raw }) {
      const key = validKey(raw);
      const anthropicBaseUrl = await options.anthropicBaseUrlOf(profileId);
      const fingerprint = keyFingerprint(key);
      try {
        const preview = await previewAndLog('typed key preview', key, anthropicBaseUrl, { profileId, fingerprint });
        return { preview, fingerprint, profileId, anthropicBaseUrl };
      } catch (error) {
        throw previewFailure(error, { fingerprint, anthropicBaseUrl });
      }
    },

    async previewStaged({ stagedId }) {
      const { key, target } = await resolveStaged(stagedId);
      const anthropicBaseUrl = target.anthropicBaseUrl ?? (await options.anthropicBaseUrlOf(target.profileId));
      const fingerprint = keyFingerprint(key);
      try {
        const preview = await previewAndLog('staged key preview', key, anthropicBaseUrl, { stagedId, fingerprint });
        return { preview, fingerprint, profileId: target.profileId, anthropicBaseUrl };
      } catch (error) {
        // A failed preview is as much a verdict about the key as a check.
        const verdict = verdictOf(error);
        if (verdict) await remember(verdict, fingerprint, target, stagedId, anthropicBaseUrl);
        throw previewFailure(error, { fingerprint, anthropicBaseUrl });
      }
    },

    lastVerdicts: () => memory.all(),
    lastVerdictFor: (query) => memory.lastFor(query),

    async recordVerdict(input) {
      const recorded = await memory.record(input);
      options.onRecorded?.(recorded);
      return recorded;
    },

    linkSource,

    async checkForOutbox({ entry, ...check }) {
      const verdict = await complianceApi.checkKey(check);
      await remember(
        verdict,
        entry.fingerprint ?? '',
        { profileId: entry.profileId, sourceId: null },
        entry.stagedId,
        check.baseUrl,
      ).catch((error: unknown) => log.warn('key check verdict not remembered', { error: error as Error }));
      return verdict;
    },

    async lastCheckOf(sourceId) {
      const last = memory.lastFor({ sourceId });
      if (!last) return null;
      const { verdict, requestId, checkedAt } = last.verdict;
      return { verdict, requestId, checkedAt, fingerprint: last.fingerprint };
    },

    attachOutbox(outbox) {
      stagedLookup = (stagedId) => outbox.stagedKeyTarget(stagedId);
      outbox.onSubmitted((entry) => {
        if (!entry.sourceId) return;
        linkSource(entry.id, entry.sourceId).catch((error: unknown) =>
          log.warn('key verdict not linked', { error: error as Error }),
        );
      });
    },
  };
}

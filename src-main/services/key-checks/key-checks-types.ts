/** The shapes of the key-check service (key-checks.ts): its options, its staged lookups, itself. */
import type {
  KeyCheckResult,
  KeyPreviewResult,
  LastKeyVerdicts,
  RecordedKeyVerdict,
} from '../../../src-shared/domain/key-check';
import type { KeyCheckFact } from '../../../src-shared/domain/diagnosis';
import type { KeyVerdict } from '../../../src-shared/domain/key-verdict';
import type { ComplianceApiClient } from '../anthropic';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { VerdictMemory } from './verdict-memory';
import type { SourceCheckResult, TypedSourceCheckInput } from '../../../src-shared/domain/source-check';
import type { StagedEntries } from '../source-checks/staged-source';

/** Where a staged entry belongs: its profile (deployment) and, once known, its source. */
export interface StagedKeyTarget {
  profileId: string;
  sourceId: string | null;
  /** The Anthropic URL the key was staged for (the profile's may have changed since). */
  anthropicBaseUrl?: string;
  /** The entry's source type (absent: `claude_compliance`); only a compliance key is tested here. */
  sourceType?: string;
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

/** The console's key checks: the compliance key's (above) and the credential check of every source type. */
export interface ConsoleKeyChecks extends KeyChecks {
  /** Checks typed credentials of a source type (from the composer); nothing is kept. */
  checkSource(input: TypedSourceCheckInput): Promise<SourceCheckResult>;
  /** Checks a staged entry's credentials, for its owner on its deployment only. */
  checkStagedSource(input: { entryId: string }): Promise<SourceCheckResult>;
  /** Also lets the source checks read staged entries (owner-checked) and their secret units. */
  attachOutbox(outbox: StagedKeySource & StagedEntries): void;
}

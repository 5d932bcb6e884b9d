/**
 * Credential checks for a source of any type whose check has no side effects (the catalog's
 * `keyCheck`): typed secrets from the composer, or a staged entry's unit read from the keychain
 * for its owner only. Each answer says what it proved and what it could not; no secret is kept,
 * logged or returned (fingerprints only), and every secret is known by value while its check runs.
 */
import type { Dispatcher } from 'undici';
import { keyFingerprint } from '../../../src-shared/domain/compliance-key';
import type { SourceType } from '../../../src-shared/domain/langwatch';
import { catalogEntry } from '../../../src-shared/domain/source-catalog';
import type {
  SourceCheckKind,
  SourceCheckResult,
  TypedSourceCheckInput,
} from '../../../src-shared/domain/source-check';
import { AppError } from '../../../src-shared/errors';
import type { Logger } from '../logging/log-entry';
import { knownSecrets } from '../logging/known-secrets';
import { checkAnthropicAdmin } from './anthropic-admin-check';
import type { CheckOutcome, CheckRun } from './check-types';
import { checkCompliance } from './compliance-check';
import { checkDatabricks } from './databricks-check';
import { checkHttpCustom } from './http-custom-check';
import type { StagedSourceReader } from './staged-source';

/** Per-request time limit of a check (a sign-in and a read: each gets its own). */
export const SOURCE_CHECK_TIMEOUT_MS = 15_000;
/** Largest body read: a first page of a list, not a dump. */
export const SOURCE_CHECK_MAX_BODY_BYTES = 1024 * 1024;

/** Options of {@link createSourceChecks}. */
export interface SourceChecksOptions {
  /** The profile's Anthropic base URL (throws `profile.not_found`). */
  anthropicBaseUrlOf(profileId: string): Promise<string>;
  activeProfileId(): string | null;
  readStaged: StagedSourceReader;
  /** Test seam (test and demo modes only): vendors on plain-http loopback. */
  allowLoopback: boolean;
  log: Logger;
  now: () => number;
  timeoutMs?: number;
  dispatcher?: Dispatcher;
  /**
   * A staged compliance key's verdict, for the verdict memory (the diagnosis reads it), as the
   * compliance key's own staged check records it. Never blocks or fails the check.
   */
  onStagedComplianceVerdict?: (staged: {
    verdict: SourceCheckResult['verdict'];
    fingerprint: string;
    entryId: string;
    profileId: string;
    anthropicBaseUrl: string;
  }) => Promise<unknown>;
}

/** The credential checks of every source type. */
export interface SourceChecks {
  checkTyped(input: TypedSourceCheckInput): Promise<SourceCheckResult>;
  checkStaged(input: { entryId: string }): Promise<SourceCheckResult>;
}

const CHECKS: Record<SourceCheckKind, (run: CheckRun) => Promise<CheckOutcome>> = {
  compliance: checkCompliance,
  anthropic_admin: checkAnthropicAdmin,
  databricks: checkDatabricks,
  http_custom: checkHttpCustom,
};

/** The type's check, with values and secrets held to its catalog fields (trimmed, empty dropped). */
function prepare(type: SourceType, values: Record<string, string>, secrets: Record<string, string>) {
  const entry = catalogEntry(type);
  if (entry.keyCheck === null)
    throw new AppError(
      'invalid_argument',
      `${entry.label} has no credential check: nothing can be tested without side effects.`,
      {
        field: 'sourceType',
      },
    );
  const fields = new Map(entry.fields.map((f) => [f.key, f]));
  const clean = (record: Record<string, string>, secret: boolean, where: string) =>
    Object.fromEntries(
      Object.entries(record)
        .map(([key, value]) => {
          if (fields.get(key)?.secret !== secret)
            throw new AppError('invalid_argument', `${entry.label} has no ${secret ? 'secret' : 'field'} "${key}".`, {
              field: `${where}.${key}`,
            });
          return [key, value.trim()] as const;
        })
        .filter(([, v]) => v !== ''),
    );
  return { kind: entry.keyCheck, values: clean(values, false, 'values'), secrets: clean(secrets, true, 'secrets') };
}

interface CheckSubject {
  sourceType: SourceType;
  values: Record<string, string>;
  secrets: Record<string, string>;
  profileId: string;
  anthropicBaseUrl: string;
  entryId: string | null;
}

async function run(options: SourceChecksOptions, subject: CheckSubject): Promise<SourceCheckResult> {
  const { kind, values, secrets } = prepare(subject.sourceType, subject.values, subject.secrets);
  const live = Object.values(secrets);
  // Known by value while the check runs: a server echoing one is redacted at every boundary.
  for (const s of live) knownSecrets.remember(s);
  try {
    const outcome = await CHECKS[kind]({
      values,
      secrets,
      anthropicBaseUrl: subject.anthropicBaseUrl,
      allowLoopback: options.allowLoopback,
      now: options.now,
      timeoutMs: options.timeoutMs ?? SOURCE_CHECK_TIMEOUT_MS,
      maxBodyBytes: SOURCE_CHECK_MAX_BODY_BYTES,
      dispatcher: options.dispatcher,
    });
    const fingerprints = Object.fromEntries(Object.entries(secrets).map(([k, v]) => [k, keyFingerprint(v)]));
    const { verdict } = outcome.verdict;
    options.log.info('source credentials checked', {
      sourceType: subject.sourceType,
      check: kind,
      verdict,
      httpStatus: outcome.verdict.httpStatus,
      requestId: outcome.verdict.requestId,
      target: outcome.target,
      profileId: subject.profileId,
      entryId: subject.entryId,
    });
    if (kind === 'compliance' && subject.entryId !== null)
      await options
        .onStagedComplianceVerdict?.({
          verdict: outcome.verdict,
          fingerprint: fingerprints.token ?? '',
          entryId: subject.entryId,
          profileId: subject.profileId,
          anthropicBaseUrl: subject.anthropicBaseUrl,
        })
        .catch((error: unknown) => options.log.warn('staged key verdict not remembered', { error: error as Error }));
    return {
      ...outcome,
      sourceType: subject.sourceType,
      check: kind,
      fingerprints,
      entryId: subject.entryId,
      profileId: subject.profileId,
    };
  } finally {
    for (const s of live) knownSecrets.forget(s);
  }
}

/** Creates the service. */
export function createSourceChecks(options: SourceChecksOptions): SourceChecks {
  return {
    async checkTyped(input) {
      const profileId = input.profileId ?? options.activeProfileId();
      if (!profileId) throw new AppError('profile.not_found', 'No deployment profile is active.');
      const anthropicBaseUrl = await options.anthropicBaseUrlOf(profileId);
      return run(options, { ...input, profileId, anthropicBaseUrl, entryId: null });
    },
    async checkStaged({ entryId }) {
      const staged = await options.readStaged(entryId);
      const anthropicBaseUrl = staged.anthropicBaseUrl ?? (await options.anthropicBaseUrlOf(staged.profileId));
      return run(options, { ...staged, anthropicBaseUrl, entryId });
    },
  };
}

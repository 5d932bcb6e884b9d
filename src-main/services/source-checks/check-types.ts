/** What every vendor check is given and what it answers (source-checks.ts adds the rest). */
import type { Dispatcher } from 'undici';
import type { SourceCheckResult } from '../../../src-shared/domain/source-check';

/** One check's inputs: the source's plain values and secrets (by field key), and the request limits. */
export interface CheckRun {
  values: Readonly<Record<string, string>>;
  secrets: Readonly<Record<string, string>>;
  /** The profile's Anthropic base URL (the emulator in tests). */
  anthropicBaseUrl: string;
  /** Test seam: plain http to loopback (test and demo modes only). */
  allowLoopback: boolean;
  now: () => number;
  timeoutMs: number;
  maxBodyBytes: number;
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
}

/** What a vendor check found. */
export type CheckOutcome = Pick<SourceCheckResult, 'verdict' | 'proved' | 'notProved' | 'target'>;

/** Where a request went, for display: origin and path, no query. */
export function targetOf(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** A request's limits from the run. */
export function limitsOf(run: CheckRun): Pick<CheckRun, 'timeoutMs' | 'maxBodyBytes' | 'dispatcher' | 'signal'> {
  return { timeoutMs: run.timeoutMs, maxBodyBytes: run.maxBodyBytes, dispatcher: run.dispatcher, signal: run.signal };
}

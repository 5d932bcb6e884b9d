/**
 * What the outbox worker is given and what it offers, shared by its parts: the scheduler
 * (worker.ts), one attempt (worker-attempt.ts), the failure handling (worker-failure.ts) and
 * the follow-up of submitted entries (worker-drain.ts).
 */
import type { Settings } from '../../../src-shared/domain/settings';
import type { KeyVerdict } from '../../../src-shared/domain/key-verdict';
import type { Clock } from '../clock';
import type { Network } from '../network/network';
import type { AuthService, SessionOwners } from '../auth/types';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { OutboxEntry } from './entry';
import type { KeepIngestSecret } from './ingest-secret-hook';
import type { OutboxStore } from './outbox-store';
import type { OutboxEvent } from './transitions';

/** Dependencies of the worker (one options object, fakes in tests). */
export interface WorkerOptions {
  store: OutboxStore;
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
  auth: Pick<AuthService, 'apiFor' | 'waitForSession' | 'state'> & SessionOwners;
  network?: Network;
  settings: { get(): Settings | Promise<Settings> };
  /** Key check (Anthropic); absent = never checked. */
  checkKey?: (options: {
    key: string;
    baseUrl: string;
    signal?: AbortSignal;
    /** Which entry the key belongs to, so the verdict can be remembered (diagnosis) without the key. */
    entry: { stagedId: string; profileId: string; fingerprint: string | null };
  }) => Promise<KeyVerdict>;
  /**
   * Whether the keychain answers again (entries waiting for it then resume); default: the
   * namespace's canary reads back or can be written. The app also rechecks its keychain gate.
   */
  keychainAnswers?: () => Promise<boolean>;
  /** Attempts in flight at once; default 4. */
  concurrency?: number;
  /** Timeout of one LangWatch request; default 30 s. */
  requestTimeoutMs?: number;
  random?: () => number;
  /** Keeps the one-time ingest secret a create answers with for the entry's owner; absent = let go. */
  keepIngestSecret?: KeepIngestSecret;
  /** Called after every change of the records (the facade emits `outbox.changed`). */
  onChange: () => void;
  /** Called once an entry reached `submitted` (after its key was wiped). */
  onSubmitted: (entry: OutboxEntry) => void;
}

/** Statuses of a source this console itself caused, recorded in the local history. */
export type WorkerHistoryHook = (entry: OutboxEntry) => Promise<void>;

/** The running worker. */
export interface OutboxWorker {
  start(): void;
  stop(): Promise<void>;
  /** Re-plans at once (after staging, an edit, retry now, reconnect). */
  wake(): void;
  /** Applies an event to a record, persists it durably, notifies. */
  apply(id: string, event: OutboxEvent): Promise<OutboxEntry>;
  /** True while an attempt of this entry is in flight. */
  isRunning(id: string): boolean;
  /** Aborts the attempt in flight for this entry (if any) and resolves once it has settled. */
  cancel(id: string): Promise<void>;
  /** Resolves when nothing is due now and nothing is in flight (tests, bench). */
  idle(): Promise<void>;
  /** Resolves once the follow-up of submitted entries (records, key wipes, history) is done. */
  drained(): Promise<void>;
  /** Asks the keychain now whether entries waiting for it can resume ("Check keychain"). */
  checkKeychainNow(): void;
}

/** What the scheduler lends to the parts of one attempt. */
export interface WorkerContext {
  options: WorkerOptions;
  /** Applies an event to a record, persists it (durably unless volatile), notifies. */
  apply: OutboxWorker['apply'];
  /** True once stop() was called. */
  isStopped(): boolean;
}

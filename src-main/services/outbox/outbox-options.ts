// The outbox's options and stage answer, in their own file so staging.ts can name them without
// importing outbox.ts (which imports staging): no import cycle.
import type { AppError } from '../../../src-shared/errors';
import type { AuthService } from '../auth/types';
import type { EventBus } from '../events/event-bus';
import type { WorkerOptions } from './worker';

/** Options of `createOutbox`. */
export interface OutboxOptions extends Omit<WorkerOptions, 'store' | 'onChange' | 'onSubmitted' | 'auth'> {
  /** With `onChange`, the list is pushed again when the person at the console changes. */
  auth: WorkerOptions['auth'] & Partial<Pick<AuthService, 'onChange'>>;
  userDataDir: string;
  /** Told when outbox.json was found damaged at start (moved aside; the sweep then does not run). */
  onDamaged?: (error: AppError) => void;
  /** Ids of new entries; default random. */
  newId?: () => string;
  /**
   * Names taken outside the outbox that LangWatch would refuse with a 500 (archived sources
   * this console saw: the server's unique index counts them); refused before staging.
   */
  archivedNames?: (scope: { profileId: string; organizationId: string }) => ReadonlyArray<{ id: string; name: string }>;
  /** Where the list (`outbox.changed`) and keys staged offline that went through (`outbox.submitted`) are pushed. */
  events?: Pick<EventBus, 'emit'>;
}

/** What `stage` answers: never the key. */
export interface StageResult {
  stagedId: string;
  fingerprint: string | null;
  warning?: string;
}

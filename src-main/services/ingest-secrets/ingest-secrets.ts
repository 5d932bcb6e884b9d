/**
 * The ingest-secret keeper: a push source's one-time ingest secret, received by a create (the
 * outbox's, whenever it finally goes through) or a rotation, is kept in the OS keychain under
 * the person and deployment that received it, until that person reveals it once or it expires
 * (7 days, INGEST_SECRET_KEEP_MS) and is wiped. The list carries no value; the reveal answers
 * it once and deletes it; rotation asks LangWatch for a new one and keeps it the same way.
 */
import { usesIngestSecret, type WaitingIngestSecret } from '../../../src-shared/domain/ingest-secret';
import { AppError } from '../../../src-shared/errors';
import { readOnlyError, viewerOf } from '../outbox/ownership';
import type { KeepIngestSecret, KeepOutcome } from '../outbox/ingest-secret-hook';
import { keychainAnswers } from '../secrets/keychain-canary';
import { createExpiryTimer, sweepExpired, sweepUnrecorded } from './expiry';
import { keepIngestSecret } from './keep';
import { createSerial, type IngestSecretsOptions, type KeeperState } from './keeper-state';
import { openIngestSecretRecords } from './record-file';
import { isViewers, revealIngestSecret } from './reveal';

export type { IngestSecretsOptions } from './keeper-state';

/** The keeper's public face (IPC `ingestSecrets.*`, the outbox's keep step). */
export interface IngestSecrets {
  /** Keeps a received secret for its owner (the outbox's hook). Never rejects. */
  keep: KeepIngestSecret;
  /** The secrets waiting for the person at the console (no values), oldest first. */
  list(): Promise<WaitingIngestSecret[]>;
  /** The value, once, to its owner; deleted from the keychain before it is answered. */
  reveal(sourceId: string): ReturnType<typeof revealIngestSecret>;
  /** Asks LangWatch for a new secret of a push source and keeps it for the person at the console. */
  rotate(sourceId: string): Promise<{ sourceId: string; outcome: KeepOutcome }>;
  /** Wipes what expired and, once the keychain answers, what no record names; plans the timer. */
  start(): Promise<void>;
  close(): void;
}

/** Creates the keeper. */
export function createIngestSecrets(options: IngestSecretsOptions): IngestSecrets {
  const base = {
    options,
    records: openIngestSecretRecords({ userDataDir: options.userDataDir, log: options.log, clock: options.clock }),
    keychainAnswers: options.keychainAnswers ?? (() => keychainAnswers(options.secrets)),
    serial: createSerial(),
  };
  const timer = createExpiryTimer(base, () => sweepExpired(state));
  const state: KeeperState = { ...base, plan: timer.plan };

  return {
    keep: (received) => keepIngestSecret(state, received),
    list: () => listWaiting(state),
    reveal: (sourceId) => revealIngestSecret(state, options.auth.state(), sourceId),
    rotate: (sourceId) => rotate(state, sourceId),
    async start() {
      await sweepExpired(state);
      await sweepUnrecorded(state);
      timer.plan();
    },
    close: timer.close,
  };
}

async function listWaiting(state: KeeperState): Promise<WaitingIngestSecret[]> {
  const viewer = viewerOf(state.options.auth.state());
  const now = state.options.clock.now();
  return (await state.records.read()).secrets
    .filter((r) => r.state === 'waiting' && Date.parse(r.expiresAt) > now && isViewers(r, viewer))
    .map((r) => ({
      sourceId: r.sourceId,
      sourceType: r.sourceType,
      sourceName: r.sourceName,
      organizationId: r.organizationId,
      origin: r.origin,
      receivedAt: r.receivedAt,
      expiresAt: r.expiresAt,
    }));
}

async function rotate(state: KeeperState, sourceId: string): Promise<{ sourceId: string; outcome: KeepOutcome }> {
  const { auth } = state.options;
  const authState = auth.state();
  const viewer = viewerOf(authState);
  const active = auth.requireActive();
  if (active.readOnly || viewer.readOnly) throw readOnlyError();
  if (!active.api || viewer.userId === null)
    throw new AppError('auth.not_signed_in', 'Sign in with an admin account to rotate a secret.');
  if (!active.permissions.canManage)
    throw new AppError('langwatch.forbidden', 'You need the ingestionSources:manage permission in this organisation.');
  const source = await active.api.getSource(active.organizationId, sourceId);
  if (!usesIngestSecret(source.sourceType))
    throw new AppError(
      'invalid_argument',
      'Only push sources (OpenTelemetry, Claude Code, Claude Cowork, Workato) send with an ingest secret; this source has none to rotate.',
      { sourceType: source.sourceType },
    );
  const answer = await active.api.rotateSecret(active.organizationId, sourceId);
  const owner = { profileId: active.profile.id, deploymentUrl: active.profile.baseUrl, userId: viewer.userId };
  return { sourceId, outcome: await keepIngestSecret(state, { answer, owner, origin: 'rotated' }) };
}

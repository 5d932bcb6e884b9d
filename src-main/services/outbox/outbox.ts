/**
 * The outbox facade: stage a key or the secret unit of a source of any type (keychain + durable
 * record, answered at once), list, retry now, edit, discard, per-source history; resumes and
 * sweeps at start.
 */
import { randomBytes } from 'node:crypto';
import type { SourceType } from '../../../src-shared/domain/langwatch';
import type { OutboxEntryView, SourceHistoryItem } from '../../../src-shared/domain/outbox';
import { AppError, isAppError } from '../../../src-shared/errors';
import type { OutboxEditInput, OutboxStageInput } from '../../../src-shared/ipc/channels/outbox';
import type { SourceStaging } from './staging-source';
import { isTerminal, type OutboxEntry } from './entry';
import { createProfileEntries, type ProfileEntries } from './forget';
import { createLastSignedIn, listedFor, type LastSignedIn } from './last-signed-in';
import { accessOf, requireMayDiscard, requireOwnEntry, viewerOf, type Viewer } from './ownership';
import { toView } from './view';
import { createSourceHistory, historyItemsOf, type SourceHistory } from './history';
import { createOutboxStore, type OutboxStore } from './outbox-store';
import type { OutboxOptions, StageResult } from './outbox-options';
import { migrateEntry } from './migrate';
import { sweepOrphans, type SweepResult } from './sweep';
import { createStaging } from './staging';
import { createSourceStaging } from './staging-source';
import { transition } from './transitions';
import { createOutboxWorker, type OutboxWorker } from './worker';
import { wipeStagedKey } from './wipe';
import type { EventBus } from '../events/event-bus';

export type { OutboxOptions, StageResult };

/** The outbox service (`services.outbox`). */
export interface Outbox extends ProfileEntries, SourceStaging {
  start(): Promise<SweepResult>;
  stop(): Promise<void>;
  stage(input: OutboxStageInput): Promise<StageResult>;
  list(): OutboxEntryView[];
  retryNow(stagedId: string): Promise<OutboxEntryView>;
  edit(input: OutboxEditInput): Promise<StageResult>;
  discard(stagedId: string): Promise<OutboxEntryView>;
  history(sourceId: string): Promise<SourceHistoryItem[]>;
  /** The latest history item of every source this console acted on. */
  latestHistory(): Promise<Record<string, SourceHistoryItem>>;
  /**
   * Where a staged key is tested (key check, preview): its profile, source type and the Anthropic
   * URL it was staged for; refuses anyone but its owner (`outbox.not_yours`), null for an unknown id.
   */
  stagedKeyTarget(
    stagedId: string,
  ): { profileId: string; sourceId: string | null; sourceType: SourceType; anthropicBaseUrl?: string } | null;
  onChange(listener: (entries: OutboxEntryView[]) => void): () => void;
  /**
   * Every entry that reached LangWatch; `stagedOffline` tells the ones staged while offline
   * (those raise a system notification when they finally go through).
   */
  onSubmitted(listener: (entry: OutboxEntryView, context: { stagedOffline: boolean }) => void): () => void;
  /** Resolves when nothing is due or in flight (tests and the bench). */
  idle(): Promise<void>;
  /** Entries waiting for the keychain ask it again now (after "Check keychain" passed). */
  checkKeychainNow(): void;
}

/** Terminal entries kept in the list pushed to the renderer (open ones are all kept). */
const MAX_TERMINAL_IN_VIEW = 100;

type SubmittedListener = Parameters<Outbox['onSubmitted']>[0];

/**
 * The renderer follows the list live. `outbox.submitted` means "a key staged while offline went
 * through" (the renderer and the system notification tell the admin); keys submitted at once
 * need no extra word.
 */
function publishTo(
  events: Pick<EventBus, 'emit'>,
  changeListeners: Set<(entries: OutboxEntryView[]) => void>,
  submittedListeners: Set<SubmittedListener>,
): void {
  changeListeners.add((entries) => events.emit('outbox.changed', entries));
  submittedListeners.add((entry, { stagedOffline }) => {
    if (stagedOffline) events.emit('outbox.submitted', entry);
  });
}

/** What the outbox's functions share: its records, its worker, its listeners. */
interface OutboxState {
  options: OutboxOptions;
  store: OutboxStore;
  history: SourceHistory;
  worker: OutboxWorker;
  changeListeners: Set<(entries: OutboxEntryView[]) => void>;
  submittedListeners: Set<SubmittedListener>;
  newMarker: () => string;
  /** Who was last signed in per profile: a signed-out owner's entries stay listed as theirs. */
  lastSignedIn: LastSignedIn;
  /** A notify is already queued for this burst of changes. */
  notifyQueued: boolean;
}

/** The state before its worker exists (the worker's callbacks need only these). */
type StateWithoutWorker = Omit<OutboxState, 'worker'>;

const viewer = (state: Pick<OutboxState, 'options'>): Viewer => viewerOf(state.options.auth.state());

function list(state: StateWithoutWorker): OutboxEntryView[] {
  const all = state.store.all().sort((a, b) => b.stagedAt.localeCompare(a.stagedAt));
  const open = all.filter((e) => !isTerminal(e));
  const done = all.filter((e) => isTerminal(e)).slice(0, MAX_TERMINAL_IN_VIEW);
  const who = viewer(state);
  // Signed out, the person last signed in here still owns their entries: listed as theirs (no key facts).
  const away = listedFor(state.options.auth.state(), who, state.lastSignedIn);
  return [...open, ...done].map((e) => {
    const view = toView(e, who);
    return view.access === 'other_person' && accessOf(e, away) === 'mine' ? { ...view, access: 'mine' } : view;
  });
}

function notify(state: StateWithoutWorker): void {
  if (state.changeListeners.size === 0) return;
  const views = list(state);
  for (const l of state.changeListeners) l(views);
}

// A flush changes hundreds of records in a burst; the renderer needs the last picture of
// each burst, not every step (each event carries, and schema-checks, the whole list).
function scheduleNotify(state: StateWithoutWorker): void {
  if (state.notifyQueued) return;
  state.notifyQueued = true;
  setImmediate(() => {
    state.notifyQueued = false;
    notify(state);
  });
}

/** The history lines of one submitted entry (created, cadence changed, re-keyed). */
async function recordHistory(state: StateWithoutWorker, entry: OutboxEntry): Promise<void> {
  const items = historyItemsOf(entry, new Date(state.options.clock.now()).toISOString());
  if (entry.sourceId) await state.history.record(entry.sourceId, items);
}

function withWorker(state: StateWithoutWorker): OutboxState {
  const worker = createOutboxWorker(
    {
      ...state.options,
      store: state.store,
      onChange: () => scheduleNotify(state),
      onSubmitted: (entry) => {
        const view = toView(entry, viewer(state));
        for (const l of state.submittedListeners) l(view, { stagedOffline: entry.stagedOffline });
      },
    },
    (entry) => recordHistory(state, entry),
  );
  return Object.assign(state, { worker });
}

function existing(state: Pick<OutboxState, 'store'>, id: string): OutboxEntry {
  const entry = state.store.get(id);
  if (!entry) throw new AppError('outbox.not_found', 'This outbox entry no longer exists.', { stagedId: id });
  return entry;
}

async function discard(state: OutboxState, id: string): Promise<OutboxEntryView> {
  const { clock, secrets, log } = state.options;
  const entry = existing(state, id);
  requireMayDiscard(entry, viewer(state));
  transition(entry, { type: 'discarded' }, clock.now());
  if (state.worker.isRunning(id))
    throw new AppError('outbox.invalid_state', 'This entry is being submitted; try again in a moment.');
  if (entry.keyHeld) await wipeStagedKey({ secrets, log }, id, 'discarded');
  const done = await state.worker.apply(id, { type: 'discarded' });
  log.info('staged entry discarded, key wiped', { stagedId: id });
  return toView(done, viewer(state));
}

// The sweep deletes keys of finished entries and of none: only when the records are known to
// be complete (a damaged outbox.json lost them) and the keychain is proven usable (else keys stay).
async function startSweep(state: OutboxState): Promise<SweepResult> {
  const { store, worker } = state;
  const { secrets, log } = state.options;
  if (store.damaged()) {
    log.warn('outbox sweep skipped: outbox.json was damaged, staged keys are kept in the keychain');
    return { removedAccounts: [], missingKeyIds: [], skipped: 'outbox_damaged' };
  }
  try {
    return await sweepOrphans({
      secrets,
      entries: store.all(),
      log,
      flagMissing: async (id) => void (await worker.apply(id, { type: 'key_missing' })),
      restoreFound: async (id) => void (await worker.apply(id, { type: 'key_found' })),
    });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'keychain.unavailable') throw error;
    log.warn('outbox sweep skipped: the keychain is unavailable', { err: error });
    return { removedAccounts: [], missingKeyIds: [], skipped: 'keychain_unavailable' };
  }
}

async function start(state: OutboxState): Promise<SweepResult> {
  const { store, newMarker } = state;
  await Promise.all([store.load(), state.lastSignedIn.load()]);
  state.lastSignedIn.remember(state.options.auth.state());
  const resumed = store
    .all()
    .map((e) => [e, transition(migrateEntry(e, newMarker), { type: 'resumed' }, state.options.clock.now())] as const)
    .filter(([before, after]) => before !== after)
    .map(([, after]) => after);
  if (resumed.length > 0) await store.put(...resumed); // one durable write for all
  const result = await startSweep(state);
  state.worker.start();
  notify(state);
  return result;
}

async function retryNow(state: OutboxState, id: string): Promise<OutboxEntryView> {
  requireOwnEntry(existing(state, id), viewer(state));
  const next = await state.worker.apply(id, { type: 'retry_now' });
  state.worker.wake();
  return toView(next, viewer(state));
}

function stagedKeyTarget(state: OutboxState, stagedId: string): ReturnType<Outbox['stagedKeyTarget']> {
  const entry = state.store.get(stagedId);
  if (!entry) return null;
  requireOwnEntry(entry, viewer(state));
  return {
    profileId: entry.profileId,
    sourceId: entry.sourceId,
    sourceType: entry.sourceType,
    ...(entry.owner ? { anthropicBaseUrl: entry.owner.anthropicBaseUrl } : {}),
  };
}

/** Adds `listener` to `set`; the answer removes it. */
function listen<T>(set: Set<T>, listener: T): () => void {
  set.add(listener);
  return () => set.delete(listener);
}

/** Creates the outbox (call `start()` once the auth is ready). */
export function createOutbox(options: OutboxOptions): Outbox {
  const { clock, log, secrets } = options;
  const state = withWorker({
    options,
    store: createOutboxStore({ userDataDir: options.userDataDir, log, clock, onDamaged: options.onDamaged }),
    history: createSourceHistory({ userDataDir: options.userDataDir, log, clock }),
    changeListeners: new Set(),
    submittedListeners: new Set(),
    newMarker: () => `cs_${randomBytes(16).toString('base64url')}`,
    lastSignedIn: createLastSignedIn(options),
    notifyQueued: false,
  });
  const { store, worker, history } = state;
  if (options.events) publishTo(options.events, state.changeListeners, state.submittedListeners);
  // Whose entries are whose depends on who is signed in: push the list again on every change.
  const offAuth = options.auth.onChange?.((auth) => (state.lastSignedIn.remember(auth), scheduleNotify(state)));
  const stagingContext = {
    options,
    store,
    worker,
    viewer: () => viewer(state),
    existing: (id: string) => existing(state, id),
    newId: options.newId ?? (() => `stg_${randomBytes(12).toString('base64url')}`),
    newMarker: state.newMarker,
    notify: () => notify(state),
  };
  const { stage, edit } = createStaging(stagingContext);
  return {
    start: () => start(state),
    stop: () => {
      offAuth?.();
      return worker.stop();
    },
    stage,
    list: () => list(state),
    retryNow: (id) => retryNow(state, id),
    edit,
    discard: (id) => discard(state, id),
    // A submission shows as `submitted` before its history line is written (the follow-up runs
    // off the request slots): answer after it, so a reader never misses the latest action.
    history: async (sourceId) => {
      await worker.drained();
      return history.list(sourceId);
    },
    latestHistory: async () => {
      await worker.drained();
      return history.latestBySource();
    },
    onChange: (listener) => listen(state.changeListeners, listener),
    onSubmitted: (listener) => listen(state.submittedListeners, listener),
    idle: () => worker.idle(),
    checkKeychainNow: () => worker.checkKeychainNow(),
    stagedKeyTarget: (stagedId) => stagedKeyTarget(state, stagedId),
    ...createSourceStaging(stagingContext),
    ...createProfileEntries({ store, worker, secrets, log, viewer: () => viewer(state) }),
  };
}

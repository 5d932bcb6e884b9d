import { create, type StoreApi } from 'zustand';
import type { MonitorState, SourceRow, SourcesDelta } from '../../src-shared/domain/sources';
import type { ErrorData } from '../../src-shared/errors';
import type { LocalSourceFacts } from '../../src-shared/ipc/channels/sources';
import { call, lw } from '../api/lw';
import { useOutboxStore } from './outbox-store';
import { DEFAULT_QUERY, type TableQuery } from './sources-query';

/** How long a changed row stays highlighted (the CSS fade lasts as long). */
export const FLASH_MS = 4_000;

interface SourcesState {
  /** Server sources of the active organisation, with health counts where known. */
  sources: SourceRow[];
  /** The sources monitor's state (phase, updatedAt, health, permissions); null before the first answer. */
  monitorState: MonitorState | null;
  /** Rows that just changed status: id -> when (for the highlight). */
  flash: Record<string, number>;
  query: TableQuery;
  /** Keyboard/mouse selection in the table (item id). */
  selectedId: string | null;
  /** The source whose detail is open, or null for the table. */
  detailId: string | null;
  /** The row the detail was opened from, once it closes: the table gives it the focus back once. */
  returnFocusTo: string | null;
  clearReturnFocus(): void;
  error: ErrorData | null;
  /**
   * The deployment's clock as of the last tick (`monitorState.serverNow`) and this renderer's own
   * clock when that reading arrived: ages are serverMs + (Date.now() - localMs) - createdAt,
   * a duration measured here added to a server time, never a cross-clock comparison.
   */
  serverClock: { serverMs: number; localMs: number } | null;
  /** The pull schedule this console last sent per source id (LangWatch does not report it). */
  schedules: LocalSourceFacts['schedules'];
  /** Archived sources this console knows of; null until the "Archived" filter asks for them. */
  archived: SourceRow[] | null;
  archivedError: ErrorData | null;
  /** (Re)loads the archived sources this console knows of. */
  loadArchived(): Promise<void>;
  /** Loads the snapshot, follows deltas and reports window visibility; returns the unsubscribe. */
  start(): Promise<() => void>;
  applyDelta(delta: SourcesDelta): void;
  setQuery(patch: Partial<TableQuery>): void;
  select(id: string | null): void;
  openDetail(id: string | null): void;
  /** Ticks now; resolves with the error that ended it, or null. */
  refreshNow(): Promise<ErrorData | null>;
}

/** The store before the first answer: nothing listed, nothing selected, the default query. */
const INITIAL = {
  sources: [],
  monitorState: null,
  flash: {},
  query: DEFAULT_QUERY,
  selectedId: null,
  detailId: null,
  returnFocusTo: null,
  error: null,
  schedules: {},
  serverClock: null,
  archived: null,
  archivedError: null,
} satisfies Partial<SourcesState>;

type SetSources = StoreApi<SourcesState>['setState'];

/** The rows after a delta: replaced in place, removed, new ones appended. */
function mergeDelta(rows: SourceRow[], delta: SourcesDelta): SourceRow[] {
  if (delta.upserts.length === 0 && delta.removed.length === 0) return rows;
  const upserts = new Map(delta.upserts.map((r) => [r.id, r]));
  const removed = new Set(delta.removed);
  const next: SourceRow[] = [];
  for (const row of rows) {
    if (removed.has(row.id)) continue;
    const replacement = upserts.get(row.id);
    if (replacement) upserts.delete(row.id);
    next.push(replacement ?? row);
  }
  for (const row of upserts.values()) next.push(row);
  return next;
}

/** Highlights rows that just changed status for FLASH_MS, each row on its own timer. */
function createHighlighter(set: SetSources): (ids: string[]) => void {
  const flashTimers = new Map<string, ReturnType<typeof setTimeout>>();
  return (ids) => {
    if (ids.length === 0) return;
    const now = Date.now();
    set((s) => ({ flash: { ...s.flash, ...Object.fromEntries(ids.map((id) => [id, now])) } }));
    for (const id of ids) {
      clearTimeout(flashTimers.get(id));
      flashTimers.set(
        id,
        setTimeout(() => {
          flashTimers.delete(id);
          set((s) => {
            const { [id]: _gone, ...rest } = s.flash;
            return { flash: rest };
          });
        }, FLASH_MS),
      );
    }
  };
}

/** Tells main whether the window is focused and visible (it polls faster then); returns the unsubscribe. */
function reportVisibility(): () => void {
  const report = () => {
    void call(() =>
      lw().sources.setVisibility({ focused: document.hasFocus(), visible: document.visibilityState === 'visible' }),
    );
  };
  window.addEventListener('focus', report);
  window.addEventListener('blur', report);
  document.addEventListener('visibilitychange', report);
  report();
  return () => {
    window.removeEventListener('focus', report);
    window.removeEventListener('blur', report);
    document.removeEventListener('visibilitychange', report);
  };
}

/** Live list of ingestion sources, fed by the main-process sources monitor. */
export const useSourcesStore = create<SourcesState>((set, get) => {
  const highlight = createHighlighter(set);

  /** The monitor state, plus a new clock reading when the server's clock moved. */
  function withClock(
    monitorState: MonitorState,
  ): Pick<SourcesState, 'monitorState'> & Partial<Pick<SourcesState, 'serverClock'>> {
    if (monitorState.serverNow === get().monitorState?.serverNow) return { monitorState };
    const serverMs = monitorState.serverNow ? Date.parse(monitorState.serverNow) : NaN;
    return { monitorState, serverClock: Number.isFinite(serverMs) ? { serverMs, localMs: Date.now() } : null };
  }

  return {
    ...INITIAL,

    async loadArchived() {
      const result = await call(() => lw().sources.archived({}));
      if (result.ok) set({ archived: result.value.map((s) => ({ ...s, eventsLast24h: null })), archivedError: null });
      else set({ archivedError: result.error });
    },

    async start() {
      // Deltas that arrive while the snapshot is on its way are replayed after it.
      let buffered: SourcesDelta[] | null = [];
      const offs = [
        lw().events.on('sources.changed', (delta) => {
          if (buffered) buffered.push(delta);
          else get().applyDelta(delta);
        }),
        lw().events.on('sources.monitor', (monitorState) => set(withClock(monitorState))),
        // The outbox has one store (outbox-store.ts); a submission may have set a new
        // schedule, so when its entries change, re-read what this console sent.
        useOutboxStore.subscribe((next, prev) => {
          if (next.entries !== prev.entries) void loadLocalFacts();
        }),
      ];
      const loadLocalFacts = async () => {
        const facts = await call(() => lw().sources.localFacts({}));
        if (facts.ok) set({ schedules: facts.value.schedules });
      };
      void loadLocalFacts();
      offs.push(reportVisibility());

      const snapshot = await call(() => lw().sources.snapshot({}));
      if (snapshot.ok) {
        const since = snapshot.value.monitorState.updatedAt;
        set({ sources: snapshot.value.rows, ...withClock(snapshot.value.monitorState), error: null });
        for (const delta of buffered ?? []) if (!since || delta.updatedAt > since) get().applyDelta(delta);
      } else {
        set({ error: snapshot.error });
      }
      buffered = null;
      return () => {
        for (const off of offs) off();
      };
    },

    applyDelta(delta) {
      set((s) => ({ sources: mergeDelta(s.sources, delta) }));
      highlight(delta.transitions.map((t) => t.id));
    },

    setQuery(patch) {
      set((s) => ({ query: { ...s.query, ...patch } }));
    },
    select(id) {
      set({ selectedId: id });
    },
    openDetail(id) {
      const from = get().detailId;
      set(id ? { detailId: id, selectedId: id, returnFocusTo: null } : { detailId: null, returnFocusTo: from });
    },
    clearReturnFocus() {
      set({ returnFocusTo: null });
    },
    async refreshNow() {
      const result = await call(() => lw().sources.refreshNow({}));
      if (result.ok) set({ ...withClock(result.value), error: null });
      else set({ error: result.error });
      return result.ok ? (result.value.lastError ?? null) : result.error;
    },
  };
});

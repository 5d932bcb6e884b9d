import { create } from 'zustand';
import type { EverywhereDelta, EverywhereRow, Place } from '../../src-shared/domain/everywhere';
import { rowKeyOf } from '../../src-shared/domain/everywhere';
import type { ErrorData } from '../../src-shared/errors';
import { followEvent } from '../api/follow-event';
import { call, lw } from '../api/lw';
import { useAppStore } from './app-store';
import { useAuthStateStore } from './auth-state-store';
import { useSourcesStore } from './sources-store';

interface EverywhereStore {
  places: Place[];
  rows: EverywhereRow[];
  /** True once the first snapshot arrived. */
  loaded: boolean;
  error: ErrorData | null;
  /** The row being opened (switching profile and organisation first). */
  opening: string | null;
  openError: ErrorData | null;
  /** Loads the snapshot, follows the deltas and tells main the view watches; returns the stop. */
  start(): Promise<() => void>;
  applyDelta(delta: EverywhereDelta): void;
  refresh(): Promise<void>;
  /** Switches to the row's deployment profile and organisation, then opens its detail in Sources. */
  open(row: EverywhereRow, place: Place): Promise<boolean>;
}

/** Row objects by key, kept outside the state so a delta touches only what changed. */
let rowMap = new Map<string, EverywhereRow>();

/** Every place of every signed-in deployment and organisation, and their sources (main's view). */
export const useEverywhereStore = create<EverywhereStore>((set, get) => ({
  places: [],
  rows: [],
  loaded: false,
  error: null,
  opening: null,
  openError: null,
  async start() {
    const off = await followEvent(
      'everywhere.changed',
      (delta) => get().applyDelta(delta),
      () => lw().everywhere.snapshot({}),
      (result) => {
        if (!result.ok) return set({ error: result.error });
        rowMap = new Map(result.value.rows.map((r) => [rowKeyOf(r), r]));
        set({ places: result.value.places, rows: [...rowMap.values()], loaded: true, error: null });
      },
    );
    void call(() => lw().everywhere.setWatching({ watching: true }));
    return () => {
      off();
      void call(() => lw().everywhere.setWatching({ watching: false }));
    };
  },
  applyDelta(delta) {
    const places = new Map(get().places.map((p) => [p.key, p]));
    for (const key of delta.removedPlaces) places.delete(key);
    for (const p of delta.places) places.set(p.key, p);
    const rowsChanged = delta.upserts.length > 0 || delta.removed.length > 0;
    for (const key of delta.removed) rowMap.delete(key);
    for (const r of delta.upserts) rowMap.set(rowKeyOf(r), r);
    set({ places: [...places.values()], ...(rowsChanged ? { rows: [...rowMap.values()] } : {}) });
  },
  async refresh() {
    const result = await call(() => lw().everywhere.refresh({}));
    set({ error: result.ok ? null : result.error });
  },
  async open(row, place) {
    set({ opening: rowKeyOf(row), openError: null });
    const auth = useAuthStateStore.getState();
    if (auth.state?.activeProfileId !== place.profileId) await auth.selectProfile(place.profileId);
    const now = useAuthStateStore.getState();
    if (!now.error && place.organizationId && now.state?.activeOrganizationId !== place.organizationId)
      await now.selectOrganization(place.organizationId);
    const after = useAuthStateStore.getState();
    const there =
      after.state?.activeProfileId === place.profileId && after.state.activeOrganizationId === place.organizationId;
    if (!there) {
      set({
        opening: null,
        openError: after.error ?? { code: 'not_found', message: 'That place could not be opened.' },
      });
      return false;
    }
    useSourcesStore.getState().openDetail(row.id);
    useAppStore.getState().navigate('sources');
    set({ opening: null });
    return true;
  },
}));

import { useMemo, useState } from 'react';
import { useAppStore } from '../../stores/app-store';
import { useSubscription } from '../../stores/use-subscription';
import { useEverywhereStore } from '../../stores/everywhere-store';
import { useNow } from '../sources/use-virtual-window';
import {
  DEFAULT_EVERYWHERE_QUERY,
  placeSummaries,
  signalsOf,
  wholeSummary,
  type EverywhereQuery,
} from '../../../src-shared/domain/everywhere-attention';
import { everywhereItems, prepareRows } from '../../../src-shared/domain/everywhere-items';
import { EverywhereExport } from './EverywhereExport';
import { EverywhereFilters } from './EverywhereFilters';
import { EverywhereList } from './EverywhereList';
import './everywhere.css';

const HEADLINE = {
  attention: { tone: 'tone-bad', icon: '⚠' },
  unsure: { tone: 'tone-neutral', icon: '?' },
  clear: { tone: 'tone-ok', icon: '✓' },
} as const;

/** Every source of every signed-in deployment and organisation, attention first. */
export function EverywhereView() {
  const start = useEverywhereStore((s) => s.start);
  const places = useEverywhereStore((s) => s.places);
  const rows = useEverywhereStore((s) => s.rows);
  const loaded = useEverywhereStore((s) => s.loaded);
  const opening = useEverywhereStore((s) => s.opening);
  const openError = useEverywhereStore((s) => s.openError);
  const open = useEverywhereStore((s) => s.open);
  const refresh = useEverywhereStore((s) => s.refresh);
  const [query, setQuery] = useState<EverywhereQuery>(DEFAULT_EVERYWHERE_QUERY);
  useSubscription(start);
  const now = useNow(15_000);
  const placeMap = useMemo(() => new Map(places.map((p) => [p.key, p])), [places]);
  const signals = useMemo(() => signalsOf(rows, placeMap, now), [rows, placeMap, now]);
  const prepared = useMemo(() => prepareRows(rows, signals, placeMap), [rows, signals, placeMap]);
  const summaries = useMemo(() => placeSummaries(places, rows, signals), [places, rows, signals]);
  const whole = useMemo(() => wholeSummary(places, summaries), [places, summaries]);
  // Test mode: a commit marker after every render, which the keystroke benchmark waits on.
  const testMode = useAppStore((s) => s.info?.mode === 'test');
  const items = useMemo(
    () => everywhereItems(places, prepared, summaries, query),
    [places, prepared, summaries, query],
  );
  const headline = HEADLINE[whole.verdict];
  return (
    <section className="view everywhere-view" aria-labelledby="everywhere-title" data-testid="everywhere-view">
      <div className="row">
        <h1 id="everywhere-title">Everywhere</h1>
        <button type="button" onClick={() => void refresh()} data-testid="everywhere-refresh">
          Refresh all
        </button>
        <EverywhereExport query={query} />
      </div>
      <p className={`chip attention ${headline.tone}`} data-testid="everywhere-summary" data-verdict={whole.verdict}>
        <span aria-hidden="true">{headline.icon}</span> {loaded ? whole.text : 'Loading every place…'} · {rows.length}{' '}
        sources in {places.length} places
      </p>
      {openError && (
        <p role="alert" className="field-error" data-testid="everywhere-open-error">
          {openError.message}
        </p>
      )}
      <EverywhereFilters places={places} query={query} onChange={(patch) => setQuery({ ...query, ...patch })} />
      <p className="hint">
        Each deployment profile keeps its own session. The composer and the outbox stay with the active deployment and
        organisation; opening a source here switches to its own.
      </p>
      <EverywhereList
        items={items}
        now={now}
        opening={opening}
        onOpen={(row, place) => void open(row, place)}
        exposeCommit={testMode}
      />
    </section>
  );
}

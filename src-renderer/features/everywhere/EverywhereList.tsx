import { memo } from 'react';
import type { EverywhereRow, Place } from '../../../src-shared/domain/everywhere';
import { HEALTH_LOOK, sourceStatusLook } from '../../../src-shared/domain/state-looks';
import { relativeTime } from '../sources/table-model';
import { useCommitMarker, useVirtualWindow } from '../sources/use-virtual-window';
import { placeServerNow, type EverywhereItem } from '../../../src-shared/domain/everywhere-attention';
import { placeHealthWords, placeName, placeStateWords } from './place-words';

/** Fixed row height (px): the window is arithmetic on it; matches .ew-row in everywhere.css. */
export const EW_ROW_HEIGHT = 36;

interface Props {
  items: EverywhereItem[];
  now: number;
  opening: string | null;
  onOpen(row: EverywhereRow, place: Place): void;
  /** Test mode: publish a commit marker for the keystroke benchmark. */
  exposeCommit: boolean;
}

/**
 * One virtualised table of every place and source: only the rows in view exist in the DOM,
 * so 15,000 sources scroll and filter as smoothly as 50.
 */
export function EverywhereList({ items, now, opening, onOpen, exposeCommit }: Props) {
  const { viewport, setScrollTop, first, last, slice } = useVirtualWindow(items, EW_ROW_HEIGHT);
  useCommitMarker(exposeCommit, items.length, last - first);
  return (
    <div className="ew-table" role="table" aria-label="Sources everywhere" aria-rowcount={items.length + 1}>
      <div role="rowgroup">
        <div role="row" className="ew-row ew-head">
          {['Health', 'Source', 'Deployment', 'Organisation', 'Status', 'Events 24 h', 'Last event'].map((h) => (
            <span role="columnheader" key={h}>
              {h}
            </span>
          ))}
        </div>
      </div>
      <div
        ref={viewport}
        className="ew-viewport"
        role="rowgroup"
        data-testid="everywhere-viewport"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        {items.length === 0 ? (
          <p className="hint" data-testid="everywhere-empty">
            Nothing matches these filters.
          </p>
        ) : (
          <div className="ew-spacer" style={{ height: items.length * EW_ROW_HEIGHT }}>
            {slice.map((item, i) =>
              item.kind === 'place' ? (
                <PlaceRow key={item.key} item={item} index={first + i} now={now} />
              ) : (
                <SourceLine
                  key={item.key}
                  item={item}
                  index={first + i}
                  now={now}
                  opening={opening === item.key}
                  onOpen={onOpen}
                />
              ),
            )}
          </div>
        )}
      </div>
    </div>
  );
}

const at = (index: number) => ({ transform: `translateY(${index * EW_ROW_HEIGHT}px)` });

/** A place: its state (never silently missing), its summary and when it was last refreshed. */
const PlaceRow = memo(function PlaceRowView(props: {
  item: Extract<EverywhereItem, { kind: 'place' }>;
  index: number;
  now: number;
}) {
  const { place, summary } = props.item;
  return (
    <div
      role="row"
      aria-rowindex={props.index + 2}
      className={`ew-row ew-place state-${place.state}`}
      style={at(props.index)}
      data-testid="everywhere-place"
      data-place={place.key}
      data-state={place.state}
      data-health={place.health}
    >
      <span role="cell" className="ew-place-name">
        {placeName(place)}
      </span>
      <span role="cell" className="ew-place-state" data-testid="everywhere-place-state">
        {placeStateWords(place)}
      </span>
      <span role="cell" className="ew-place-summary" data-verdict={summary.verdict}>
        {place.sourceCount} sources · {summary.text} · {placeHealthWords(place)} · refreshed{' '}
        {place.updatedAt ? relativeTime(place.updatedAt, props.now) : 'never'}
        {place.user ? ` · as ${place.user}${place.readOnly ? ' (read-only)' : ''}` : ''}
      </span>
    </div>
  );
});

/** A source of a place; opening it switches to its deployment and organisation. */
const SourceLine = memo(function SourceLineView(props: {
  item: Extract<EverywhereItem, { kind: 'row' }>;
  index: number;
  now: number;
  opening: boolean;
  onOpen(row: EverywhereRow, place: Place): void;
}) {
  const { row, place, signal } = props.item;
  const serverNow = placeServerNow(place, props.now);
  const count = row.eventsLast24h === null ? (place.health === 'slow' ? 'slow…' : '—') : String(row.eventsLast24h);
  return (
    <div
      role="row"
      aria-rowindex={props.index + 2}
      className="ew-row"
      style={at(props.index)}
      data-testid="everywhere-row"
      data-row={props.item.key}
      data-attention={signal.attention}
    >
      <span role="cell" className={`health tone-${signal.tone}`} title={signal.reason}>
        <span aria-hidden="true">{HEALTH_LOOK[signal.kind].icon}</span> {signal.label}
      </span>
      <span role="cell">
        <button
          type="button"
          className="link ew-open"
          onClick={() => props.onOpen(row, place)}
          aria-busy={props.opening}
          title={`Open in ${placeName(place)}`}
        >
          {row.name}
        </button>
      </span>
      <span role="cell">{place.profileName}</span>
      <span role="cell">{place.organizationName}</span>
      <span role="cell" title={row.status}>
        {sourceStatusLook(row.status).label}
      </span>
      <span role="cell" title={placeHealthWords(place)}>
        {count}
      </span>
      <span role="cell">{serverNow === null ? 'unknown' : relativeTime(row.lastEventAt, serverNow)}</span>
    </div>
  );
});

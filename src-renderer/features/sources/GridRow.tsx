import { memo } from 'react';
import { describeCadence } from '../../../src-shared/domain/cadence';
import { describeSchedule } from '../../../src-shared/domain/schedule-fact';
import { scheduleLabel } from '../../../src-shared/domain/schedule-value';
import type { OutboxEntryView } from '../../../src-shared/domain/outbox';
import type { HealthSignal } from '../../../src-shared/domain/source-health';
import { HEALTH_LOOK, outboxStateLook } from '../../../src-shared/domain/state-looks';
import type { LocalSourceFacts } from '../../../src-shared/ipc/channels/sources';
import { scheduleFactOf } from './health-model';
import { MODE_LABEL, modeOfType, scheduleWordsOf, stagedTypeOf } from './labels';
import { SourceTypeText, StatusPill } from './server-values';
import { EventsCell } from './HealthUnavailable';
import type { MenuAnchor } from './RowMenu';
import { LocalTime } from './LocalTime';
import { MiddleTruncated } from './MiddleTruncated';
import { relativeTime, type TableItem } from './table-model';

type ServerRow = Extract<TableItem, { kind: 'source' }>['row'];

/** Fixed row height (px): virtualisation depends on it; matches --row-h in sources.css. */
export const ROW_HEIGHT = 36;

/** A row's element id: the grid names its active row by it (aria-activedescendant). */
export function rowElementId(id: string): string {
  return `row-${id.replace(/[^\w-]/g, '_')}`;
}

interface RowProps {
  item: TableItem;
  index: number;
  /** This machine's clock (for staged entries, which are local). */
  now: number;
  /** The server's clock (for server timestamps); null when unknown. */
  serverNow: number | null;
  signal: HealthSignal | undefined;
  sent: LocalSourceFacts['schedules'][string] | undefined;
  onMenu(anchor: MenuAnchor): void;
  selected: boolean;
  flashing: boolean;
  onSelect(id: string): void;
  onOpen(item: TableItem): void;
}

/** One grid row, a staged entry or a server source, placed at its index. */
export const Row = memo(function SourceRowView(props: RowProps) {
  const { item, index, selected, onSelect, onOpen } = props;
  const common = {
    role: 'row',
    id: rowElementId(item.id),
    'aria-rowindex': index + 2,
    'aria-selected': selected,
    style: { transform: `translateY(${index * ROW_HEIGHT}px)` },
    onClick: () => onSelect(item.id),
    onDoubleClick: () => onOpen(item),
  } as const;
  if (item.kind === 'staged') {
    return (
      <div
        {...common}
        className={`src-row staged${selected ? ' selected' : ''}`}
        data-testid={`staged-row-${item.entry.id}`}
        data-state={item.entry.state}
      >
        <StagedCells entry={item.entry} now={props.now} />
      </div>
    );
  }
  return (
    <div
      {...common}
      className={`src-row${selected ? ' selected' : ''}${props.flashing ? ' flash' : ''}`}
      data-testid={`source-row-${item.row.id}`}
      data-status={item.row.status}
    >
      <SourceCells {...props} row={item.row} />
    </div>
  );
});

/** A staged entry: not on the server yet, so only what this console knows. */
function StagedCells({ entry: e, now }: { entry: OutboxEntryView; now: number }) {
  const look = outboxStateLook(e.state);
  return (
    <>
      <div role="gridcell" className="src-cell c-name">
        {e.name}
      </div>
      <div role="gridcell" className="src-cell c-type">
        <SourceTypeText value={stagedTypeOf(e)} />
      </div>
      <div role="gridcell" className="src-cell c-health">
        <span className="health tone-info">
          <span aria-hidden="true">◷</span> Not created yet
        </span>
      </div>
      <div role="gridcell" className="src-cell c-status">
        <span className={`pill state-pill tone-${look.tone}`}>
          <span aria-hidden="true">{look.icon}</span> {look.label}
        </span>
      </div>
      <div role="gridcell" className="src-cell c-last">
        —
      </div>
      <div role="gridcell" className="src-cell c-events">
        —
      </div>
      <div role="gridcell" className="src-cell c-cadence" title={e.pullSchedule ?? undefined}>
        {modeOfType(stagedTypeOf(e)) === 'push'
          ? 'Real-time'
          : e.pollEverySec === null
            ? scheduleLabel(e.pullSchedule)
            : describeCadence(e.pollEverySec)}
      </div>
      <div role="gridcell" className="src-cell c-created" title={e.stagedAt}>
        staged {relativeTime(e.stagedAt, now)}
      </div>
      <div role="gridcell" className="src-cell c-menu" />
    </>
  );
}

/** A server source: a flat table of its cells. */
function SourceCells({ item, row: r, serverNow, signal, sent, onMenu, onOpen }: RowProps & { row: ServerRow }) {
  const schedule = scheduleWordsOf(r.sourceType, describeSchedule(scheduleFactOf(r, sent)));
  const mode = modeOfType(r.sourceType);
  return (
    <>
      <div role="gridcell" className="src-cell c-name">
        <button type="button" className="link" onClick={() => onOpen(item)} tabIndex={-1} title={r.name}>
          <MiddleTruncated text={r.name} />
        </button>
      </div>
      <div
        role="gridcell"
        className="src-cell c-type"
        title={mode ? `${r.sourceType} · ${MODE_LABEL[mode]}` : r.sourceType}
        data-mode={mode ?? undefined}
      >
        <SourceTypeText value={r.sourceType} />
      </div>
      <div
        role="gridcell"
        className="src-cell c-health"
        data-testid="health"
        data-health={signal?.kind ?? 'unknown'}
        title={signal?.reason}
      >
        {signal && (
          <span className={`health tone-${signal.tone}`}>
            <span aria-hidden="true">{HEALTH_LOOK[signal.kind].icon}</span> {signal.label}
          </span>
        )}
      </div>
      <div role="gridcell" className="src-cell c-status">
        <StatusPill value={r.status} short />
      </div>
      <div
        role="gridcell"
        className="src-cell c-last"
        title={r.lastEventAt ? `${r.lastEventAt} (server time)` : 'No event yet'}
      >
        {serverNow === null ? (
          // No server clock yet: the time itself, in this machine's zone (named), never a cut ISO string.
          <LocalTime iso={r.lastEventAt} fallback="never" short />
        ) : (
          relativeTime(r.lastEventAt, serverNow)
        )}
      </div>
      <div role="gridcell" className="src-cell c-events">
        <EventsCell count={r.eventsLast24h} />
      </div>
      <div
        role="gridcell"
        className={`src-cell c-cadence${schedule.scheduled === null && mode !== 'push' ? ' unknown' : ''}`}
        title={schedule.title}
        data-testid="cadence"
      >
        {schedule.text}
      </div>
      <div role="gridcell" className="src-cell c-created" title={r.createdAt}>
        {new Date(r.createdAt).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })}
      </div>
      <RowMenuCell row={r} onMenu={onMenu} />
    </>
  );
}

/** The ⋯ button: not a tab stop (the grid's ContextMenu / Shift+F10 opens the same menu). */
function RowMenuCell({ row: r, onMenu }: { row: ServerRow; onMenu(anchor: MenuAnchor): void }) {
  return (
    <div role="gridcell" className="src-cell c-menu">
      <button
        type="button"
        className="row-menu-button"
        tabIndex={-1}
        aria-haspopup="menu"
        aria-label="Row actions"
        title={`Actions for ${r.name}`}
        data-testid="row-menu"
        onClick={(e) => {
          e.stopPropagation();
          const box = e.currentTarget.getBoundingClientRect();
          onMenu({ id: r.id, name: r.name, x: box.right, y: box.bottom, returnFocus: e.currentTarget });
        }}
      >
        ⋯
      </button>
    </div>
  );
}

/**
 * Export and report of a selection across places (Everywhere view): CSV, JSON or the Markdown
 * support report. Columns are an allow-list (as the single-organisation export), every place of
 * the selection is in the file with its state (a place that could not be read is a line saying
 * so, never left out), and the text is redacted of every known secret by value before it
 * leaves this function: session cookies and tokens a server may have echoed into a name or a
 * message never reach a file.
 */
import type { EverywhereRow, EverywhereSnapshot, Place } from '../../../src-shared/domain/everywhere';
import { rowKeyOf } from '../../../src-shared/domain/everywhere';
import { signalsOf } from '../../../src-shared/domain/everywhere-attention';
import { everywhereReport, PLACE_STATE_TEXT } from '../../../src-shared/domain/everywhere-report';
import { redactOutgoing } from '../logging/redact-outgoing';
import { csvCell, EXPORT_COLUMNS, type SourcesExport } from '../sources/export';

export type EverywhereExportFormat = 'csv' | 'json' | 'markdown';

/** What to export: row keys (`rowKeyOf`) and place keys; everything when both are omitted. */
export interface EverywhereSelection {
  rows?: readonly string[];
  places?: readonly string[];
}

const PLACE_COLUMNS = ['deployment', 'deploymentUrl', 'organization', 'organizationId', 'placeState'] as const;

/** One exported line: the place's columns, then the source's (empty for a place without rows). */
type ExportLine = Record<(typeof PLACE_COLUMNS)[number], string | null> &
  Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

/** The places and rows selected, in the order given (rows), places in snapshot order. */
export function selectionOf(snapshot: EverywhereSnapshot, selection: EverywhereSelection) {
  const all = !selection.rows && !selection.places;
  const byKey = new Map(snapshot.rows.map((r) => [rowKeyOf(r), r]));
  const rows = all ? snapshot.rows : (selection.rows ?? []).flatMap((k) => byKey.get(k) ?? []);
  const wanted = new Set([...(selection.places ?? []), ...rows.map((r) => r.placeKey)]);
  const places = snapshot.places.filter((p) => all || wanted.has(p.key));
  return { places, rows };
}

function placeColumns(p: Place | undefined) {
  return {
    deployment: p?.profileName ?? null,
    deploymentUrl: p?.baseUrl ?? null,
    organization: p?.organizationName ?? null,
    organizationId: p?.organizationId ?? null,
    placeState: p ? PLACE_STATE_TEXT[p.state] : null,
  };
}

function sourceColumns(r: EverywhereRow | null) {
  return {
    id: r?.id ?? null,
    name: r?.name ?? null,
    sourceType: r?.sourceType ?? null,
    status: r?.status ?? null,
    lastEventAt: r?.lastEventAt ?? null,
    eventsLast24h: r?.eventsLast24h ?? null,
    cadenceSec: null, // parserConfig is not kept across places
    createdAt: r?.createdAt ?? null,
    archivedAt: r?.archivedAt ?? null,
    teamId: r?.teamId ?? null,
    description: r?.description ?? null,
  };
}

/** Lines for CSV and JSON: each selected row, then a line per selected place that has none. */
function linesOf(places: readonly Place[], rows: readonly EverywhereRow[]): ExportLine[] {
  const byKey = new Map(places.map((p) => [p.key, p]));
  const withRows = new Set(rows.map((r) => r.placeKey));
  return [
    ...rows.map((r) => ({ ...placeColumns(byKey.get(r.placeKey)), ...sourceColumns(r) })),
    ...places.filter((p) => !withRows.has(p.key)).map((p) => ({ ...placeColumns(p), ...sourceColumns(null) })),
  ];
}

/** RFC 4180 CSV with a header row (the cells as the single-organisation export writes them). */
function csvOf(lines: readonly ExportLine[], columns: ReadonlyArray<keyof ExportLine>): string {
  const out = [columns.join(',')];
  for (const line of lines) out.push(columns.map((c) => csvCell(line[c])).join(','));
  return `${out.join('\r\n')}\r\n`;
}

/** The file of a selection (see the module comment). */
export function exportEverywhere(
  snapshot: EverywhereSnapshot,
  selection: EverywhereSelection,
  format: EverywhereExportFormat,
  ctx: { nowMs: number; consoleVersion: string },
): SourcesExport {
  const { places, rows } = selectionOf(snapshot, selection);
  const stamp = new Date(ctx.nowMs).toISOString().replace(/[:.]/g, '-');
  const name = `sources-everywhere-${stamp}`;
  let file: SourcesExport;
  if (format === 'markdown') {
    const signals = signalsOf(rows, new Map(places.map((p) => [p.key, p])), ctx.nowMs);
    const generatedAt = new Date(ctx.nowMs).toISOString();
    const text = everywhereReport(places, rows, signals, { generatedAt, consoleVersion: ctx.consoleVersion });
    file = { filename: `${name}.md`, mime: 'text/markdown', text, rows: rows.length };
  } else {
    const lines = linesOf(places, rows);
    const columns = [...PLACE_COLUMNS, ...EXPORT_COLUMNS];
    file =
      format === 'json'
        ? {
            filename: `${name}.json`,
            mime: 'application/json',
            text: `${JSON.stringify(lines, columns, 2)}\n`,
            rows: rows.length,
          }
        : { filename: `${name}.csv`, mime: 'text/csv', text: csvOf(lines, columns), rows: rows.length };
  }
  return { ...file, text: redactOutgoing(file.text) };
}

/**
 * The sources table as JSON or CSV text. Built from an allow-list of columns, so a field the
 * server may add later (or parserConfig, which could one day hold something sensitive) never
 * reaches a file by accident.
 */
import { cadenceOf, type SourceRow } from '../../../src-shared/domain/sources';

/** A staged entry shown inline in the table (not created on the server yet). */
export interface StagedExportRow {
  name: string;
  state: string;
  sourceType: string;
}

/** One exported row: only these columns, in this order. */
export interface ExportRow {
  id: string;
  name: string;
  sourceType: string;
  status: string;
  lastEventAt: string | null;
  eventsLast24h: number | null;
  cadenceSec: number | null;
  createdAt: string | null;
  archivedAt: string | null;
  teamId: string | null;
  description: string | null;
}

export const EXPORT_COLUMNS: readonly (keyof ExportRow)[] = [
  'id',
  'name',
  'sourceType',
  'status',
  'lastEventAt',
  'eventsLast24h',
  'cadenceSec',
  'createdAt',
  'archivedAt',
  'teamId',
  'description',
];

/** Server rows plus staged rows, as exported. */
export function toExportRows(rows: readonly SourceRow[], staged: readonly StagedExportRow[] = []): ExportRow[] {
  const server = rows.map((r) => ({
    id: r.id,
    name: r.name,
    sourceType: r.sourceType,
    status: r.status,
    lastEventAt: r.lastEventAt,
    eventsLast24h: r.eventsLast24h,
    cadenceSec: cadenceOf(r),
    createdAt: r.createdAt,
    archivedAt: r.archivedAt,
    teamId: r.teamId,
    description: r.description,
  }));
  const local = staged.map((s) => ({
    id: '',
    name: s.name,
    sourceType: s.sourceType,
    status: `staged: ${s.state}`,
    lastEventAt: null,
    eventsLast24h: null,
    cadenceSec: null,
    createdAt: null,
    archivedAt: null,
    teamId: null,
    description: null,
  }));
  return [...local, ...server];
}

/** Pretty JSON array. */
export function toJson(rows: readonly ExportRow[]): string {
  return `${JSON.stringify(rows, EXPORT_COLUMNS as string[], 2)}\n`;
}

/** RFC 4180 CSV with a header row; cells that a spreadsheet would run as a formula are defused. */
export function toCsv(rows: readonly ExportRow[]): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const row of rows) lines.push(EXPORT_COLUMNS.map((c) => csvCell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A file of exported sources, ready to be saved. */
export interface SourcesExport {
  filename: string;
  mime: string;
  text: string;
  rows: number;
}

/** The export as a file named after the moment it was made. */
export function exportFile(format: 'json' | 'csv', exported: readonly ExportRow[], nowMs: number): SourcesExport {
  const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
  return format === 'json'
    ? { filename: `sources-${stamp}.json`, mime: 'application/json', text: toJson(exported), rows: exported.length }
    : { filename: `sources-${stamp}.csv`, mime: 'text/csv', text: toCsv(exported), rows: exported.length };
}

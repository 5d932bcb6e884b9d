/**
 * The Everywhere list as JSON or CSV text, for a selection across deployments: the same
 * filters and order as the view (`everywhereItems`, judged on each place's own clock), the
 * deployment, organisation and place state as columns, and every place that is not a current
 * answer as a line of its own, so a selection never silently drops one. Columns come from an
 * allow-list (no parser config, no secret; a cookie or token is never in the store at all).
 */
import type { EverywhereQuery } from '../../../src-shared/domain/everywhere-attention';
import { placeSummaries, signalsOf } from '../../../src-shared/domain/everywhere-attention';
import { everywhereItems, prepareRows } from '../../../src-shared/domain/everywhere-items';
import { csvCell, EXPORT_COLUMNS, type ExportRow, type SourcesExport } from '../sources/export';
import type { FleetStore } from './fleet-store';

const PLACE_COLUMNS = ['deployment', 'deploymentUrl', 'organization', 'placeState', 'health'] as const;
type FleetExportRow = Record<(typeof PLACE_COLUMNS)[number], string | null> & ExportRow;
const COLUMNS: readonly (keyof FleetExportRow)[] = [...PLACE_COLUMNS, ...EXPORT_COLUMNS];

const NO_SOURCE: ExportRow = {
  ...{ id: '', name: '', sourceType: '', status: '', lastEventAt: null, eventsLast24h: null },
  ...{ cadenceSec: null, createdAt: null, archivedAt: null, teamId: null, description: null },
};

/** The lines of the selection, in the view's order. */
export function fleetExportRows(store: FleetStore, query: EverywhereQuery, localNowMs: number): FleetExportRow[] {
  const { places, rows } = store.snapshot();
  const placeMap = new Map(places.map((p) => [p.key, p]));
  const signals = signalsOf(rows, placeMap, localNowMs);
  const summaries = placeSummaries(places, rows, signals);
  const items = everywhereItems(places, prepareRows(rows, signals, placeMap), summaries, query);
  const out: FleetExportRow[] = [];
  for (const item of items) {
    const p = item.place;
    const where = {
      deployment: p.profileName,
      deploymentUrl: p.baseUrl,
      organization: p.organizationName,
      placeState: p.state,
      health: item.kind === 'row' ? item.signal.label : null,
    };
    if (item.kind === 'place') {
      if (p.state !== 'fresh') out.push({ ...where, ...NO_SOURCE });
      continue;
    }
    const r = item.row;
    out.push({
      ...where,
      ...{ id: r.id, name: r.name, sourceType: r.sourceType, status: r.status, lastEventAt: r.lastEventAt },
      ...{ eventsLast24h: r.eventsLast24h, cadenceSec: r.cadenceSec },
      ...{ createdAt: r.createdAt, archivedAt: r.archivedAt, teamId: r.teamId, description: r.description },
    });
  }
  return out;
}

/** The selection as a file named after the moment it was made. */
export function fleetExportFile(format: 'json' | 'csv', rows: readonly FleetExportRow[], nowMs: number): SourcesExport {
  const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
  if (format === 'json') {
    const text = `${JSON.stringify(rows, COLUMNS as string[], 2)}\n`;
    return { filename: `sources-everywhere-${stamp}.json`, mime: 'application/json', text, rows: rows.length };
  }
  const lines = [COLUMNS.join(',')];
  for (const row of rows) lines.push(COLUMNS.map((c) => csvCell(row[c])).join(','));
  return {
    filename: `sources-everywhere-${stamp}.csv`,
    mime: 'text/csv',
    text: `${lines.join('\r\n')}\r\n`,
    rows: rows.length,
  };
}

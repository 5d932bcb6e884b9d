/**
 * The Markdown support report of a selection across deployments: the whole's honest summary,
 * then each place of the selection with its state (and why it is not current), who reads it,
 * its summary, and its sources with their health and the reason. Same filters and order as the
 * view. Built from the store, which holds no secret; server text is escaped for the tables.
 */
import type { AttentionSummary } from '../../../src-shared/domain/attention';
import type { Place } from '../../../src-shared/domain/everywhere';
import {
  placeSummaries,
  signalsOf,
  wholeSummary,
  type EverywhereItem,
  type EverywhereQuery,
} from '../../../src-shared/domain/everywhere-attention';
import { everywhereItems, prepareRows } from '../../../src-shared/domain/everywhere-items';
import type { SourcesExport } from '../sources/export';
import type { FleetStore } from './fleet-store';

/** A cell of a Markdown table: one line, pipes escaped. */
const cell = (text: string | null | undefined) => (text ?? '').replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');

function placeLines(place: Place, summary: AttentionSummary): string[] {
  const where = place.organizationName ? `${place.profileName} · ${place.organizationName}` : place.profileName;
  const lines = [``, `## ${cell(where)}`, ``, `- Deployment: ${cell(place.baseUrl)}`];
  lines.push(`- State: ${place.state}${place.lastError ? ` (${cell(place.lastError.message)})` : ''}`);
  if (place.user) lines.push(`- Read as: ${cell(place.user)}${place.readOnly ? ' (read-only)' : ''}`);
  lines.push(`- Sources: ${place.sourceCount} · ${summary.text} · 24 h counts: ${place.health}`);
  lines.push(`- Last refreshed: ${place.updatedAt ?? 'never'} (this computer's clock)`);
  return lines;
}

/** The report of the selection `query` selects. */
export function fleetReport(store: FleetStore, query: EverywhereQuery, localNowMs: number): SourcesExport {
  const { places, rows } = store.snapshot();
  const placeMap = new Map(places.map((p) => [p.key, p]));
  const signals = signalsOf(rows, placeMap, localNowMs);
  const summaries = placeSummaries(places, rows, signals);
  const items = everywhereItems(places, prepareRows(rows, signals, placeMap), summaries, query);
  const stamp = new Date(localNowMs).toISOString();
  const lines = [`# LangWatch sources, every place`, ``, `Made ${stamp}. ${wholeSummary(places, summaries).text}.`];
  let sources = 0;
  let open: string | null = null;
  const byPlace = (item: EverywhereItem) => item.place.key;
  for (const item of query.groupBy === 'none'
    ? [...items].sort((a, b) => byPlace(a).localeCompare(byPlace(b)))
    : items) {
    if (open !== item.place.key) {
      open = item.place.key;
      lines.push(...placeLines(item.place, summaries.get(item.place.key)!));
      lines.push(``, `| Source | Id | Type | Status | Health | Why |`, `|---|---|---|---|---|---|`);
    }
    if (item.kind !== 'row') continue;
    sources += 1;
    const r = item.row;
    lines.push(
      `| ${cell(r.name)} | ${cell(r.id)} | ${cell(r.sourceType)} | ${cell(r.status)} | ${item.signal.label} | ${cell(item.signal.reason)} |`,
    );
  }
  const text = `${lines.join('\n')}\n`;
  return {
    filename: `sources-everywhere-${stamp.replace(/[:.]/g, '-')}.md`,
    mime: 'text/markdown',
    text,
    rows: sources,
  };
}

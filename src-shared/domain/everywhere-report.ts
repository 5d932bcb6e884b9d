/**
 * The Markdown support report of a selection across places (Everywhere view, "Report"): every
 * place of the selection with what is known of it (a place that could not be read says so:
 * never left out, never an all-clear), then the selected sources, attention first, each with
 * its deployment, organisation and health signal. Built only from display-safe fields (names,
 * ids, states, the person's email); main redacts known secrets by value on top. PURE.
 */
import { summarizeAttention } from './attention';
import type { EverywhereRow, Place, PlaceState } from './everywhere';
import { rowKeyOf } from './everywhere';
import { listStateOfPlace } from './everywhere-attention';
import type { HealthSignal } from './source-health';

/** Who made the report, and when (this machine's clock; only printed, never compared). */
export interface EverywhereReportContext {
  generatedAt: string;
  consoleVersion: string;
}

/** A place's state in words (the report's own: the renderer's words live with the view). */
export const PLACE_STATE_TEXT: Record<PlaceState, string> = {
  loading: 'not answered yet',
  fresh: 'up to date',
  slow: 'slow: still waiting for the list',
  failed: 'the last refresh failed',
  signed_out: 'signed out',
  expired: 'session expired',
  unreachable: 'unreachable',
  rate_limited: 'rate limited by LangWatch',
  no_permission: 'no permission to view sources',
};

/** The report text. */
export function everywhereReport(
  places: readonly Place[],
  rows: readonly EverywhereRow[],
  signals: ReadonlyMap<string, HealthSignal>,
  ctx: EverywhereReportContext,
): string {
  const byPlace = new Map(places.map((p) => [p.key, p]));
  const lines = [
    '## Ingestion sources across deployments',
    '',
    `- Generated: ${ctx.generatedAt} by LangWatch Ingestion Console ${inline(ctx.consoleVersion)}`,
    `- Places: ${places.length}; sources selected: ${rows.length}`,
    '',
    '### Places',
    '',
    '| Deployment | Organisation | State | Sources | Need attention | Last refreshed |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const p of places) {
    const mine = rows.filter((r) => r.placeKey === p.key).map((r) => signals.get(rowKeyOf(r))!);
    const summary = summarizeAttention(mine, listStateOfPlace(p));
    const state =
      p.lastError && p.state !== 'fresh'
        ? `${PLACE_STATE_TEXT[p.state]} (${p.lastError.message})`
        : PLACE_STATE_TEXT[p.state];
    lines.push(
      `| ${cell(p.profileName)} (${cell(p.baseUrl)}) | ${cell(p.organizationName ?? '(none)')} | ${cell(state)} | ${mine.length} | ${cell(summary.text)} | ${p.updatedAt ?? 'never'} |`,
    );
  }
  const ordered = [...rows].sort(
    (a, b) => Number(signals.get(rowKeyOf(b))!.attention) - Number(signals.get(rowKeyOf(a))!.attention),
  );
  lines.push('', '### Sources, attention first', '');
  if (ordered.length === 0) lines.push('No source selected.');
  else
    lines.push(
      '| Source | Id | Deployment | Organisation | Status | Health | Why |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
  for (const r of ordered) {
    const p = byPlace.get(r.placeKey);
    const s = signals.get(rowKeyOf(r))!;
    const current = p && listStateOfPlace(p) === 'fresh' ? '' : ' *(not current)*';
    lines.push(
      `| ${cell(r.name)} | \`${cell(r.id)}\` | ${cell(p?.profileName ?? '?')} | ${cell(p?.organizationName ?? '?')} | ${cell(r.status)} | ${cell(s.label)}${current} | ${cell(s.reason)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function inline(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/([`*_[\]<>])/g, '\\$1');
}

function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|');
}

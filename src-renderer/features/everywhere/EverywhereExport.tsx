import { useState } from 'react';
import { call, lw } from '../../api/lw';
import type { EverywhereItem } from '../../../src-shared/domain/everywhere-attention';

type Format = 'csv' | 'json' | 'markdown';

/** The selection main exports: the shown rows in view order, and every place shown (a place that could not be read too). */
export function selectionOfItems(items: readonly EverywhereItem[]): { rows: string[]; places: string[] } {
  const rows: string[] = [];
  const places = new Set<string>();
  for (const item of items) {
    if (item.kind === 'row') rows.push(item.key);
    places.add(item.place.key);
  }
  return { rows, places: [...places] };
}

/**
 * Export or report the rows the Everywhere view shows (filtered, across deployments): CSV,
 * JSON, or the Markdown support report, copied to the clipboard. Main builds the text, never
 * with a secret.
 */
export function EverywhereExport({ items }: { items: readonly EverywhereItem[] }) {
  const [note, setNote] = useState<string | null>(null);

  async function run(format: Format) {
    const result = await call(() => lw().everywhereExport.create({ format, ...selectionOfItems(items) }));
    if (!result.ok) return setNote(`${format === 'markdown' ? 'Report' : 'Export'} failed: ${result.error.message}`);
    const { text, mime, filename, rows } = result.value;
    if (format === 'markdown') {
      try {
        await navigator.clipboard.writeText(text);
        return setNote(`Report of ${rows} sources copied`);
      } catch {
        // No clipboard (a locked-down session): the report is saved as a file instead.
      }
    }
    const url = URL.createObjectURL(new Blob([text], { type: mime }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setNote(`Exported ${rows} sources as ${filename}`);
  }

  return (
    <div className="row ew-export" role="group" aria-label="Export the sources shown">
      <button type="button" onClick={() => void run('csv')} data-testid="everywhere-export-csv">
        Export CSV
      </button>
      <button type="button" onClick={() => void run('json')} data-testid="everywhere-export-json">
        Export JSON
      </button>
      <button type="button" onClick={() => void run('markdown')} data-testid="everywhere-report">
        Copy support report
      </button>
      {note && (
        <span className="note export-note" role="status" data-testid="everywhere-export-note">
          {note}
        </span>
      )}
    </div>
  );
}

import { useState } from 'react';
import { call, lw } from '../../api/lw';
import { saveDownload } from '../../api/save-download';
import { stagedTypeOf } from './labels';
import type { TableItem } from './table-model';

/** Exports the visible rows (filtered and sorted) as JSON or CSV; main builds the text. */
export function ExportButtons({ items }: { items: TableItem[] }) {
  const [note, setNote] = useState<string | null>(null);

  async function exportAs(format: 'json' | 'csv') {
    const ids = items.flatMap((i) => (i.kind === 'source' ? [i.id] : []));
    const stagedRows = items.flatMap((i) =>
      i.kind === 'staged' ? [{ name: i.entry.name, state: i.entry.state, sourceType: stagedTypeOf(i.entry) }] : [],
    );
    const result = await call(() => lw().sources.export({ format, ids, staged: stagedRows }));
    if (!result.ok) {
      setNote(`Export failed: ${result.error.message}`);
      return;
    }
    saveDownload(result.value);
    setNote(`Exported ${result.value.rows} rows as ${result.value.filename}`);
  }

  return (
    <>
      <button type="button" onClick={() => void exportAs('json')} data-testid="export-json">
        Export JSON
      </button>
      <button type="button" onClick={() => void exportAs('csv')} data-testid="export-csv">
        Export CSV
      </button>
      {note && (
        <span className="note export-note" data-testid="export-note" role="status">
          {note}
        </span>
      )}
    </>
  );
}

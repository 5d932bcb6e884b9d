import { useState } from 'react';
import { call, lw } from '../../api/lw';
import { saveDownload } from '../../api/save-download';
import type { EverywhereQuery } from '../../../src-shared/domain/everywhere-attention';

/** Exports the list as filtered (every deployment in it) as JSON or CSV; main builds the text. */
export function EverywhereExport({ query }: { query: EverywhereQuery }) {
  const [note, setNote] = useState<string | null>(null);
  async function exportAs(format: 'json' | 'csv' | 'md') {
    const result = await call(() =>
      format === 'md' ? lw().everywhere.report({ query }) : lw().everywhere.export({ format, query }),
    );
    if (!result.ok) return setNote(`Export failed: ${result.error.message}`);
    saveDownload(result.value);
    setNote(`Exported ${result.value.rows} lines as ${result.value.filename}`);
  }
  return (
    <>
      <button type="button" onClick={() => void exportAs('json')} data-testid="everywhere-export-json">
        Export JSON
      </button>
      <button type="button" onClick={() => void exportAs('csv')} data-testid="everywhere-export-csv">
        Export CSV
      </button>
      <button type="button" onClick={() => void exportAs('md')} data-testid="everywhere-report">
        Support report
      </button>
      {note && (
        <span className="note export-note" data-testid="everywhere-export-note" role="status">
          {note}
        </span>
      )}
    </>
  );
}

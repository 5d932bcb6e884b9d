// The sources list's toolbar (title, last update, export, refresh), apart from the notes and the table.
import { useSourcesStore } from '../../stores/sources-store';
import { ExportButtons } from './ExportButtons';
import { RefreshButton } from './RefreshButton';
import type { TableItem } from './table-model';
import { UpdatedAgo } from './UpdatedAgo';

/** The head of the sources list: exports what is visible, and refreshes on demand. */
export function SourcesHead({ items }: { items: TableItem[] }) {
  const monitorState = useSourcesStore((s) => s.monitorState);
  return (
    <div className="sources-head">
      <h1>Sources</h1>
      <UpdatedAgo monitorState={monitorState} />
      <span className="spacer" />
      <ExportButtons items={items} />
      <RefreshButton />
    </div>
  );
}

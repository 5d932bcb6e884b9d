/**
 * Source types and statuses as the server sent them. LangWatch stores both as plain
 * strings, so a newer server can answer values this console does not know: they are shown
 * raw and marked unknown (class `unknown-value`, `data-unknown`), never dropped or fatal.
 */
import { isKnownSourceStatus, isKnownSourceType } from '../../../src-shared/domain/langwatch';
import type { SourceRow } from '../../../src-shared/domain/sources';
import { SOURCE_TYPE_LABEL } from './labels';
import { STATUS_LABEL } from './table-model';
import './server-values.css';

/** The human name of a source type, or the raw value when this console does not know it. */
export function sourceTypeLabel(value: string): string {
  return isKnownSourceType(value) ? SOURCE_TYPE_LABEL[value] : value;
}

/** The human name of a status, or the raw value when this console does not know it. */
export function statusLabel(value: string): string {
  return isKnownSourceStatus(value) ? STATUS_LABEL[value] : value;
}

const UNKNOWN_TITLE = 'This LangWatch server is newer than this console: it sent a value the console does not know.';

/** A source type: its name, or the raw value marked "unknown type". */
export function SourceTypeText({ value }: { value: string }) {
  if (isKnownSourceType(value)) return <>{SOURCE_TYPE_LABEL[value]}</>;
  return (
    <span className="unknown-value" data-unknown="true" data-testid="unknown-type" title={UNKNOWN_TITLE}>
      {value} <small>(unknown type)</small>
    </span>
  );
}

/** A status pill: its name, or the raw value marked "unknown status". */
export function StatusPill({
  value,
  testId = 'status',
  suffix = '',
}: {
  value: string;
  testId?: string;
  suffix?: string;
}) {
  const known = isKnownSourceStatus(value);
  return (
    <span
      className={known ? `pill status-${value}` : 'pill status-unknown unknown-value'}
      data-testid={testId}
      data-unknown={known ? undefined : 'true'}
      title={known ? undefined : UNKNOWN_TITLE}
    >
      {known ? STATUS_LABEL[value] : `${value} (unknown status)`}
      {suffix}
    </span>
  );
}

/** Values of `field` in `rows` that this console does not know, sorted (for the filters). */
export function unknownValues(rows: readonly SourceRow[], field: 'sourceType' | 'status'): string[] {
  const known = field === 'sourceType' ? isKnownSourceType : isKnownSourceStatus;
  const found = new Set<string>();
  for (const r of rows) if (!known(r[field])) found.add(r[field]);
  return [...found].sort();
}

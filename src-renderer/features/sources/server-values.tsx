/**
 * Source types and statuses as the server sent them. LangWatch stores both as plain
 * strings, so a newer server can answer values this console does not know: they are shown
 * raw and marked unknown (class `unknown-value`, `data-unknown`), never dropped or fatal.
 */
import { isKnownSourceStatus, isKnownSourceType } from '../../../src-shared/domain/langwatch';
import type { SourceRow } from '../../../src-shared/domain/sources';
import { sourceStatusLook } from '../../../src-shared/domain/state-looks';
import { SOURCE_TYPE_LABEL } from './labels';
import './server-values.css';

/** The human name of a source type, or the raw value when this console does not know it. */
export function sourceTypeLabel(value: string): string {
  return isKnownSourceType(value) ? SOURCE_TYPE_LABEL[value] : value;
}

/** The human name of a status, or the raw value when this console does not know it. */
export function statusLabel(value: string): string {
  return sourceStatusLook(value).label;
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

/**
 * A status pill coloured by its look's tone: its name (`short`: the narrow column's word, the
 * full name as tooltip), or the raw value marked "unknown status".
 */
export function StatusPill({
  value,
  testId = 'status',
  suffix = '',
  short = false,
}: {
  value: string;
  testId?: string;
  suffix?: string;
  short?: boolean;
}) {
  const look = sourceStatusLook(value);
  return (
    <span
      className={look.known ? `pill tone-${look.tone}` : `pill tone-${look.tone} unknown-value`}
      data-testid={testId}
      data-tone={look.tone}
      data-unknown={look.known ? undefined : 'true'}
      title={look.known ? (short ? look.label : undefined) : UNKNOWN_TITLE}
    >
      {look.known ? (short ? look.short : look.label) : `${value} (unknown status)`}
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

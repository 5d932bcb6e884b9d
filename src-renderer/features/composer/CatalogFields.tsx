// The fields of one source type, drawn from the catalog: labels, hints, required marks, secrets
// masked with a show toggle, choices as selects, lists and multi-line values, advanced collapsed.
import { useEffect, useState } from 'react';
import type { SourceField, SourceTypeEntry } from '../../../src-shared/domain/source-catalog';
import { SecretInput } from './SecretInput';

export interface CatalogFieldsProps {
  entry: SourceTypeEntry;
  values: Record<string, string>;
  secrets: Record<string, string>;
  setValue(key: string, value: string): void;
  setSecret(key: string, value: string): void;
  /** The field's error once it was touched or the form submitted. */
  show(key: string, touched: boolean): string | undefined;
}

/** Every field of the type: the main ones, then the advanced ones in a collapsed group. */
export function CatalogFields(props: CatalogFieldsProps) {
  const { entry } = props;
  const main = entry.fields.filter((f) => !f.advanced);
  const advanced = entry.fields.filter((f) => f.advanced);
  return (
    <div className="composer-col" data-testid="type-fields" data-type={entry.type}>
      {main.length === 0 ? (
        <p className="muted" data-testid="no-type-fields">
          {entry.label} needs nothing more here: LangWatch gives out the endpoint and the ingest secret when the source
          is created.
        </p>
      ) : null}
      {main.map((f) => (
        <CatalogField key={f.key} field={f} {...props} />
      ))}
      {advanced.length > 0 ? <AdvancedFields key={entry.type} fields={advanced} {...props} /> : null}
    </div>
  );
}

/**
 * The advanced fields, collapsed. A value or an error there opens the group and it stays open
 * (it never closes under the person's hands): nothing typed or wrong hides in it.
 */
function AdvancedFields({ fields, ...props }: CatalogFieldsProps & { fields: readonly SourceField[] }) {
  const needed = fields.some((f) => valueOf(props, f) !== '' || props.show(f.key, true));
  const [open, setOpen] = useState(needed);
  useEffect(() => {
    if (needed) setOpen(true);
  }, [needed]);
  return (
    <details
      className="disclosure advanced-fields"
      data-testid="advanced-fields"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>Advanced ({fields.length})</summary>
      {fields.map((f) => (
        <CatalogField key={f.key} field={f} {...props} />
      ))}
    </details>
  );
}

function valueOf(props: CatalogFieldsProps, f: SourceField): string {
  return (f.secret ? props.secrets[f.key] : props.values[f.key]) ?? '';
}

/** One catalog field: label (required marked), input of its kind, hint, error, departure note. */
function CatalogField({ field: f, ...props }: CatalogFieldsProps & { field: SourceField }) {
  const id = `sf-${f.key}`;
  const value = valueOf(props, f);
  const error = props.show(f.key, value !== '');
  const set = (v: string) => (f.secret ? props.setSecret(f.key, v) : props.setValue(f.key, v));
  const describedBy = `${id}-help`;
  const common = {
    id,
    'data-testid': id,
    'aria-required': f.required,
    'aria-invalid': error !== undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div className="field" data-field={f.key}>
      <label htmlFor={id}>
        {f.label}
        {f.required ? <span className="required-mark"> (required)</span> : null}
      </label>
      {f.secret ? (
        <SecretInput {...common} value={value} placeholder={f.placeholder} onChange={set} />
      ) : f.kind === 'choice' ? (
        <select {...common} value={value} onChange={(e) => set(e.target.value)}>
          <option value="">{f.required ? 'Choose…' : `Default (${f.placeholder})`}</option>
          {(f.choices ?? []).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      ) : f.kind === 'multiline' ? (
        <textarea
          {...common}
          className="mono"
          rows={4}
          spellCheck={false}
          value={value}
          placeholder={f.placeholder}
          onChange={(e) => set(e.target.value)}
        />
      ) : (
        <input
          {...common}
          inputMode={f.kind === 'url' ? 'url' : undefined}
          spellCheck={false}
          value={value}
          placeholder={f.placeholder}
          onChange={(e) => set(e.target.value)}
        />
      )}
      <div id={describedBy} className="field-help">
        {error ? (
          <span role="alert" className="field-error" data-testid={`${id}-error`}>
            {error}
          </span>
        ) : null}
        {f.kind === 'list' ? <span className="muted">Separate several with commas.</span> : null}
        {f.hint ? <span className="muted">{f.hint}</span> : null}
        {f.secret ? (
          <span className="muted">Kept in the system keychain only until LangWatch has it, then wiped.</span>
        ) : null}
        {f.departure ? (
          <span className="field-departure" data-testid={`${id}-departure`}>
            Unlike LangWatch’s own form: {f.departure}
          </span>
        ) : null}
      </div>
    </div>
  );
}

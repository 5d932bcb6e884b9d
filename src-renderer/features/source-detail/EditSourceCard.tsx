// The edit of an existing source of any type: what LangWatch lets an admin change, staged in the outbox.
import { useState } from 'react';
import type { Source, SourceType } from '../../../src-shared/domain/langwatch';
import { catalogEntry, secretFields } from '../../../src-shared/domain/source-catalog';
import { editFormOf, sourceEdit, type SourceEditForm } from '../../../src-shared/domain/source-edit-form';
import { useSourceTypesStore, type EditAnswer } from '../../stores/source-types-store';
import { SecretInput } from '../composer/SecretInput';
import { statusLabel } from '../sources/server-values';
import { useTakenNames } from '../composer/use-taken-names';
import { ScheduleField } from '../schedule/ScheduleField';

type Result = { ok: boolean; message: string } | null;

/** The edit form's state and its submit: checked here, staged through the store's one action. */
function useEditSource(source: Source & { sourceType: SourceType }, onDone: () => void) {
  const taken = useTakenNames(source.organizationId);
  const applySourceEdit = useSourceTypesStore((s) => s.applySourceEdit);
  const [form, setForm] = useState<SourceEditForm>(() => editFormOf(source));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);
  const [version, setVersion] = useState(0);
  const edit = (change: Partial<SourceEditForm>) => setForm((f) => ({ ...f, ...change }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setResult(null);
    const checked = sourceEdit(source, form, taken);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    const r = await applySourceEdit(checked.edit);
    setBusy(false);
    if (!r.ok) return setResult({ ok: false, message: r.error.message });
    // The secrets left with the stage call; the other fields now show what was staged.
    edit({ secrets: {}, schedule: { kind: 'keep' } });
    setVersion((v) => v + 1);
    setResult({ ok: true, message: editMessage(r.value) });
    onDone();
  }
  return { form, edit, errors, busy, result, version, submit };
}

/** What the edit did, in a sentence: the staged change (and its credentials) and the status now. */
function editMessage({ staged, status }: EditAnswer): string {
  const parts: string[] = [];
  if (staged) {
    const fp = staged.fingerprint ? ` with credentials ${staged.fingerprint}` : '';
    parts.push(`Changes staged${fp}; the outbox submits them (see Outbox for their progress).`);
  }
  if (status) parts.push(`Status is now ${statusLabel(status)}.`);
  return parts.join(' ');
}

/** Name, description, status, schedule (scheduled types) and a re-key of the type's secrets. */
export function EditSourceCard({
  source,
  scheduleText,
  onDone,
}: {
  source: Source & { sourceType: SourceType };
  scheduleText: string;
  /** Reloads the detail (a status set here shows at once). */
  onDone(): void;
}) {
  const entry = catalogEntry(source.sourceType);
  const { form, edit, errors, busy, result, version, submit } = useEditSource(source, onDone);
  return (
    // Collapsed: the side column stays short, and the compliance source keeps its own key and cadence actions above.
    <details className="card edit-source" data-testid="edit-source">
      <summary>
        Edit name, description, status{entry.scheduled ? ', schedule' : ''}
        {secretFields(source.sourceType).length > 0 ? ', credentials' : ''}
      </summary>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <EditField id="edit-name" label="Name" error={errors.name}>
          <input
            id="edit-name"
            data-testid="edit-name"
            value={form.name}
            onChange={(e) => edit({ name: e.target.value })}
          />
        </EditField>
        <EditField id="edit-description" label="Description" error={errors.description}>
          <textarea
            id="edit-description"
            data-testid="edit-description"
            rows={2}
            value={form.description}
            onChange={(e) => edit({ description: e.target.value })}
          />
        </EditField>
        <EditField id="edit-status" label="Status" error={undefined}>
          <select
            id="edit-status"
            data-testid="edit-status"
            value={form.status}
            onChange={(e) => edit({ status: e.target.value as SourceEditForm['status'] })}
          >
            <option value="active">Active</option>
            <option value="disabled">Disabled</option>
          </select>
        </EditField>
        {entry.scheduled ? (
          <ScheduleField
            key={version}
            value={form.schedule}
            onChange={(schedule) => edit({ schedule })}
            keep={{ current: scheduleText }}
            anthropicCost={source.sourceType === 'claude_compliance'}
          />
        ) : null}
        {errors.schedule ? <span className="field-error">{errors.schedule}</span> : null}
        {secretFields(source.sourceType).map((f) => (
          <EditField key={f.key} id={`edit-${f.key}`} label={`New ${f.label.toLowerCase()}`} error={errors[f.key]}>
            <SecretInput
              id={`edit-${f.key}`}
              data-testid={`edit-${f.key}`}
              aria-required={false}
              aria-invalid={errors[f.key] !== undefined}
              aria-describedby={`edit-${f.key}-help`}
              placeholder="Leave empty to keep the stored one"
              value={form.secrets[f.key] ?? ''}
              onChange={(v) => edit({ secrets: { ...form.secrets, [f.key]: v } })}
            />
          </EditField>
        ))}
        {errors.form ? (
          <p role="alert" className="field-error" data-testid="edit-error">
            {errors.form}
          </p>
        ) : null}
        <div className="row">
          <button type="submit" disabled={busy} data-testid="edit-submit">
            {busy ? 'Staging…' : 'Stage changes'}
          </button>
        </div>
        {result && (
          <p role="status" className="action-result" data-testid="edit-result" data-ok={String(result.ok)}>
            {result.message}
          </p>
        )}
      </form>
    </details>
  );
}

function EditField({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  children: React.ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      <div id={`${id}-help`}>
        {error ? (
          <span role="alert" className="field-error" data-testid={`${id}-error`}>
            {error}
          </span>
        ) : null}
      </div>
    </div>
  );
}

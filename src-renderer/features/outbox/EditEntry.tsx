import { useRef, useState } from 'react';
import type { OutboxEntryView } from '../../../src-shared/domain/outbox';
import { call, lw } from '../../api/lw';
import { KeyField, type KeyFieldHandle, type KeyStatus } from '../key-checks/KeyField';
import { ScheduleField } from '../schedule/ScheduleField';
import {
  scheduleFields,
  scheduleFromStored,
  scheduleValid,
  type ScheduleValue,
} from '../../../src-shared/domain/schedule-value';

/** Edits a waiting entry and resubmits it, keeping the staged key or with a new one. */
export function EditEntry({ entry, onDone }: { entry: OutboxEntryView; onDone(): void }) {
  const [name, setName] = useState(entry.name);
  const [description, setDescription] = useState(entry.description ?? '');
  const [schedule, setSchedule] = useState<ScheduleValue>(() =>
    scheduleFromStored(entry.pollEverySec, entry.pullSchedule),
  );
  const [keyStatus, setKeyStatus] = useState<KeyStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const keyRef = useRef<KeyFieldHandle>(null);
  const keyRequired = entry.fingerprint !== null && !entry.keyHeld;

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    if (keyRequired && !keyStatus?.valid) return setError('Enter the key again: the staged one is gone.');
    if (keyStatus && !keyStatus.empty && !keyStatus.valid) return setError(keyStatus.error ?? 'Check the key.');
    if (!scheduleValid(schedule)) return setError('Check the schedule: LangWatch would refuse it.');
    const key = keyStatus?.valid ? keyRef.current?.take() : undefined;
    const result = await call(() =>
      lw().outbox.edit({
        stagedId: entry.id,
        name,
        ...scheduleFields(schedule),
        ...(entry.kind === 'create' ? { description: description || undefined } : {}),
        ...(key ? { key } : {}),
      }),
    );
    if (result.ok) onDone();
    else setError(result.error.message);
  }

  return (
    <form className="entry-edit" onSubmit={(e) => void save(e)} data-testid="entry-edit-form">
      {entry.kind === 'create' ? (
        <>
          <label>
            Name <input data-testid="edit-name" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            Description <input value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
        </>
      ) : null}
      {entry.fingerprint !== null ? (
        <KeyField
          ref={keyRef}
          label={keyRequired ? 'Compliance key (enter it again)' : 'New compliance key'}
          optional={!keyRequired}
          onStatus={setKeyStatus}
        />
      ) : null}
      <ScheduleField
        value={schedule}
        onChange={setSchedule}
        {...(entry.kind === 'update' ? { keep: { current: null } } : {})}
      />
      <div className="entry-actions">
        <button type="submit" className="primary" data-testid="edit-save">
          Save and resubmit
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {error ? (
        <p role="alert" className="entry-error" data-testid="edit-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}

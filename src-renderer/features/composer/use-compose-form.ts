// The composer's form state and what its buttons do (reset, submit, stage), apart from the markup.
import type { Organization } from '../../../src-shared/domain/langwatch';
import { useState } from 'react';
import { DEFAULT_CADENCE_SEC } from '../../../src-shared/domain/cadence';
import type { ComposerFieldErrors } from '../../../src-shared/domain/composer';
import { scheduleFields, type ScheduleValue } from '../../../src-shared/domain/schedule-value';
import { call, lw } from '../../api/lw';
import { useComposeErrors, type ComposeValues } from './compose-errors';
import type { Outcome } from './ComposeNotices';
import { useComposeKey } from './use-compose-key';
import type { useTakenNames } from './use-taken-names';

const DEFAULT_SCHEDULE: ScheduleValue = { kind: 'interval', seconds: DEFAULT_CADENCE_SEC };

/** Stages a create in the outbox: the key goes straight from the field into this call. */
function stageCreate(org: Organization, values: ComposeValues, key: string) {
  return call(() =>
    lw().outbox.stage({
      kind: 'create',
      organizationId: org.id,
      name: values.name,
      description: values.description || undefined,
      teamId: values.teamId || null,
      key,
      ...scheduleFields(values.schedule),
    }),
  );
}

/** Everything the composer form holds, its errors, and its reset, submit and stage actions. */
export function useComposeForm(org: Organization | null, taken: ReturnType<typeof useTakenNames>) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [teamId, setTeamId] = useState('');
  const [schedule, setSchedule] = useState<ScheduleValue>(DEFAULT_SCHEDULE);
  const [confirming, setConfirming] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverErrors, setServerErrors] = useState<ComposerFieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  // Bumped by "Reset": remounts the schedule field with its defaults.
  const [formVersion, setFormVersion] = useState(0);
  const key = useComposeKey();
  const values: ComposeValues = { name, description, teamId, schedule };
  const errors = useComposeErrors(values, taken, serverErrors);

  const show = (field: keyof ComposerFieldErrors, touched: boolean) =>
    submitted || touched ? errors[field] : undefined;
  const editName = (value: string) => {
    setName(value);
    setServerErrors({});
  };

  function reset() {
    setName('');
    setDescription('');
    setTeamId('');
    setSchedule(DEFAULT_SCHEDULE);
    setFormVersion((v) => v + 1);
    key.clearKey();
    setSubmitted(false);
    setServerErrors({});
    setConfirming(false);
  }

  async function stage() {
    if (!org) return;
    setConfirming(false);
    setBusy(true);
    // The field is cleared by take().
    const result = await stageCreate(org, values, key.keyRef.current?.take() ?? '');
    setBusy(false);
    if (result.ok) {
      reset();
      setOutcome({ kind: 'staged', ...result.value });
    } else {
      setServerErrors((result.error.details?.fieldErrors ?? {}) as ComposerFieldErrors);
      setOutcome({ kind: 'error', message: result.error.message });
    }
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setOutcome(null);
    if (Object.keys(errors).length !== 0 || !key.keyStatus.valid) return;
    if (key.keyFailed) return setConfirming(true);
    void stage();
  }

  const set = { name: editName, description: setDescription, teamId: setTeamId, schedule: setSchedule };
  return {
    values,
    set,
    show,
    key,
    submitted,
    busy,
    outcome,
    setOutcome,
    confirming,
    setConfirming,
    formVersion,
    reset,
    submit,
    stage,
  };
}

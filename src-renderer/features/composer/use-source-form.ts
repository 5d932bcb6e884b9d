// The composer's state for a source of any type (but the compliance form's key column), and its actions.
import { useState } from 'react';
import type { Organization, SourceType } from '../../../src-shared/domain/langwatch';
import type { ScheduleValue } from '../../../src-shared/domain/schedule-value';
import { useSourceTypesStore } from '../../stores/source-types-store';
import type { Outcome } from './ComposeNotices';
import {
  draftInput,
  emptySourceForm,
  planGate,
  secretsClearedBySwitch,
  sourceFormErrors,
  switchType,
  type SourceForm,
} from '../../../src-shared/domain/source-form';
import type { useTakenNames } from './use-taken-names';

type Common = Pick<SourceForm, 'name' | 'description' | 'teamId' | 'schedule'>;

/** Server field errors (`details.fieldErrors`) by form key: `values.url` -> `url`. */
function serverFieldErrors(details: unknown): Record<string, string> {
  const raw = (details as { fieldErrors?: unknown } | undefined)?.fieldErrors;
  if (!raw || typeof raw !== 'object') return {};
  return Object.fromEntries(
    Object.entries(raw as Record<string, unknown>)
      .filter(([, v]) => typeof v === 'string')
      .map(([k, v]) => [k.replace(/^(values|secrets)\./, ''), v as string]),
  );
}

/** Everything the form of a non-compliance type holds, its errors, and its reset, switch and submit actions. */
export function useSourceForm(org: Organization | null, taken: ReturnType<typeof useTakenNames>, first: SourceType) {
  const [form, setForm] = useState<SourceForm>(() => emptySourceForm(first));
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [cleared, setCleared] = useState<string[]>([]);
  // Bumped by "Reset" and a type switch: remounts the schedule field with the form's value.
  const [formVersion, setFormVersion] = useState(0);
  const plan = useSourceTypesStore((s) => s.plan);
  const stageSource = useSourceTypesStore((s) => s.stageSource);
  const errors = { ...sourceFormErrors(form, taken), ...serverErrors };
  const gate = planGate(plan);

  const edit = (change: Partial<SourceForm>) => {
    setForm((f) => ({ ...f, ...change }));
    setServerErrors({});
  };
  const setValue = (key: string, value: string) => edit({ values: { ...form.values, [key]: value } });
  const setSecret = (key: string, value: string) => edit({ secrets: { ...form.secrets, [key]: value } });
  const setSchedule = (schedule: ScheduleValue) => edit({ schedule });

  /** A new type; `extraCleared` names a secret the compliance form dropped (its key). */
  function switchTo(next: SourceType, common?: Common, extraCleared: string[] = []) {
    setCleared([...secretsClearedBySwitch(form, next), ...extraCleared]);
    setForm((f) => ({ ...switchType(f, next), ...(common ?? {}) }));
    setServerErrors({});
    setSubmitted(false);
    setFormVersion((v) => v + 1);
  }

  function reset() {
    setForm((f) => ({ ...emptySourceForm(f.sourceType), kept: f.kept }));
    setSubmitted(false);
    setServerErrors({});
    setCleared([]);
    setFormVersion((v) => v + 1);
  }

  /** Why the plan LangWatch reported refuses this source (null: nothing known against it). */
  const planBlock =
    gate.kind === 'limited' && form.sourceType !== 'otel_generic'
      ? 'This type needs the Enterprise plan; this organisation can create Generic OpenTelemetry sources only.'
      : gate.kind === 'limited' && gate.left === 0
        ? 'The plan’s cap of active sources is reached: archive a source before adding another.'
        : null;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setOutcome(null);
    if (!org || busy || planBlock || Object.keys(errors).length > 0) return;
    setBusy(true);
    const result = await stageSource(org.id, draftInput(form));
    setBusy(false);
    if (result.ok) {
      // Secrets leave the form with the stage call; the plain values of this type go too.
      reset();
      setOutcome({ kind: 'staged', ...result.value });
    } else {
      // Nothing typed is lost: the form keeps every value for a correction and a retry.
      setServerErrors(serverFieldErrors(result.error.details));
      setOutcome({ kind: 'error', message: result.error.message });
    }
  }

  const show = (key: string, touched: boolean) => (submitted || touched ? errors[key] : undefined);
  return {
    form,
    edit,
    setValue,
    setSecret,
    setSchedule,
    switchTo,
    reset,
    submit,
    show,
    errors,
    submitted,
    busy,
    outcome,
    setOutcome,
    cleared,
    formVersion,
    gate,
    planBlock,
  };
}

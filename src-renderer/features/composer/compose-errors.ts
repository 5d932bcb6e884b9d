// The composer's field errors in one place, so the form hook does not also carry the validation rules.
import { useMemo } from 'react';
import {
  ComposerCreate,
  composerFieldErrors,
  nameTakenMessage,
  type ComposerFieldErrors,
} from '../../../src-shared/domain/composer';
import { scheduleFields, type ScheduleValue } from '../../../src-shared/domain/schedule-value';
import type { useTakenNames } from './use-taken-names';

// A placeholder key that passes the schema, so the form can validate the other fields with
// the one shared schema without ever holding the real key outside the key field.
const KEY_PLACEHOLDER = 'sk-ant-api01-placeholder-for-validation';

/** The composer's typed values (everything but the key, which stays inside the key field). */
export interface ComposeValues {
  name: string;
  description: string;
  teamId: string;
  schedule: ScheduleValue;
}

/** The field errors of the composer: the shared schema, the name clash, then what the server said. */
export function useComposeErrors(
  values: ComposeValues,
  taken: ReturnType<typeof useTakenNames>,
  serverErrors: ComposerFieldErrors,
): ComposerFieldErrors {
  const { name, description, teamId, schedule } = values;
  return useMemo(() => {
    const parsed = ComposerCreate.safeParse({
      name,
      description,
      teamId: teamId || null,
      key: KEY_PLACEHOLDER,
      ...scheduleFields(schedule),
    });
    const out = parsed.success ? {} : composerFieldErrors(parsed.error);
    const clash = nameTakenMessage(name, taken);
    if (clash && !out.name) out.name = clash;
    return { ...out, ...serverErrors };
  }, [name, description, teamId, schedule, taken, serverErrors]);
}

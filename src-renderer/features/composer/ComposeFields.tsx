// The composer's left column (name, team, description, schedule), apart from the key column and the actions.
import type { ComposerFieldErrors } from '../../../src-shared/domain/composer';
import { ScheduleField } from '../schedule/ScheduleField';
import type { ComposeValues } from './compose-errors';

type Common = Pick<ComposeValues, 'name' | 'description' | 'teamId'>;

/** The typed fields of the compliance composer, each with its error once touched or submitted. */
export function ComposeFields({
  values,
  set,
  show,
  teams,
  formVersion,
}: {
  values: ComposeValues;
  set: { [K in keyof ComposeValues]: (value: ComposeValues[K]) => void };
  show: (field: keyof ComposerFieldErrors, touched: boolean) => string | undefined;
  teams: ReadonlyArray<{ id: string; name: string }>;
  formVersion: number;
}) {
  return (
    <div className="composer-col">
      <CommonFields values={values} set={set} show={show} teams={teams} />
      <ScheduleField key={formVersion} value={values.schedule} onChange={set.schedule} />
    </div>
  );
}

/** Name, team and description: the fields every source type has. */
export function CommonFields({
  values,
  set,
  show,
  teams,
}: {
  values: Common;
  set: { [K in keyof Common]: (value: string) => void };
  show: (field: 'name' | 'description', touched: boolean) => string | undefined;
  teams: ReadonlyArray<{ id: string; name: string }>;
}) {
  return (
    <>
      <Field label="Name" error={show('name', values.name !== '')}>
        {(id) => (
          <input
            id={id}
            data-testid="name-input"
            value={values.name}
            maxLength={200}
            onChange={(e) => set.name(e.target.value)}
          />
        )}
      </Field>
      <Field label="Team (optional)" error={undefined}>
        {(id) => (
          <select id={id} data-testid="team-select" value={values.teamId} onChange={(e) => set.teamId(e.target.value)}>
            <option value="">No team (organisation-wide)</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Description (optional)" error={show('description', values.description !== '')}>
        {(id) => (
          <textarea
            id={id}
            data-testid="description-input"
            value={values.description}
            onChange={(e) => set.description(e.target.value)}
            rows={2}
          />
        )}
      </Field>
    </>
  );
}

function Field({
  label,
  error,
  children,
}: {
  label: string;
  error: string | undefined;
  children: (id: string) => React.ReactNode;
}) {
  const id = `f-${label.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {error ? (
        <span role="alert" className="field-error" data-testid={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

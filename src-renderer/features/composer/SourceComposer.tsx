// The composer's form for every type but claude_compliance (whose key column has its own form).
import type { ReactNode } from 'react';
import type { Organization } from '../../../src-shared/domain/langwatch';
import { catalogEntry } from '../../../src-shared/domain/source-catalog';
import { SourceCheck } from '../key-checks/SourceCheck';
import { ScheduleField } from '../schedule/ScheduleField';
import { CatalogFields } from './CatalogFields';
import { CommonFields } from './ComposeFields';
import { ComposeOutcome } from './ComposeNotices';
import type { useSourceForm } from './use-source-form';

/** A source of any catalog type: common fields, the type's own fields, the schedule where it has one. */
export function SourceComposer({
  source,
  org,
  header,
}: {
  source: ReturnType<typeof useSourceForm>;
  org: Organization;
  header: ReactNode;
}) {
  const { form } = source;
  const entry = catalogEntry(form.sourceType);
  const hasSecrets = entry.fields.some((f) => f.secret);
  return (
    <section className="view composer" data-state={source.busy ? 'staging' : 'ready'} data-type={form.sourceType}>
      {header}
      <ComposeOutcome outcome={source.outcome} />
      <form
        onSubmit={(e) => void source.submit(e)}
        onReset={(e) => {
          e.preventDefault();
          source.reset();
          source.setOutcome(null);
        }}
        noValidate
        className="composer-form"
      >
        <div className="composer-col">
          <CommonFields
            values={form}
            set={{
              name: (name) => source.edit({ name }),
              description: (description) => source.edit({ description }),
              teamId: (teamId) => source.edit({ teamId }),
            }}
            show={(key, touched) => source.show(key, touched)}
            teams={org.teams}
          />
          {entry.scheduled ? (
            <ScheduleField
              key={source.formVersion}
              value={form.schedule}
              onChange={source.setSchedule}
              anthropicCost={false}
            />
          ) : (
            <p className="muted" data-testid="no-schedule">
              No schedule: {entry.label} sends its events to LangWatch as they happen.
            </p>
          )}
          {source.show('schedule', true) ? (
            <span role="alert" className="field-error" data-testid="schedule-error">
              {source.show('schedule', true)}
            </span>
          ) : null}
        </div>
        <CatalogFields
          entry={entry}
          values={form.values}
          secrets={form.secrets}
          setValue={source.setValue}
          setSecret={source.setSecret}
          show={source.show}
        />
        {entry.keyCheck !== null && entry.keyCheck !== 'compliance' && (
          <SourceCheck sourceType={form.sourceType} values={form.values} secrets={form.secrets} />
        )}
        <div className="form-actions">
          <button type="submit" className="primary" data-testid="compose-submit" disabled={source.busy}>
            {source.busy ? 'Staging…' : 'Stage and submit'}
          </button>
          <button type="reset" data-testid="compose-reset" disabled={source.busy}>
            Reset form
          </button>
          <span className="muted">
            {hasSecrets
              ? 'The secrets wait in the system keychain as one unit; the outbox submits them to LangWatch and then wipes them.'
              : 'The outbox submits it to LangWatch, now or as soon as the console is back online.'}
          </span>
        </div>
      </form>
    </section>
  );
}

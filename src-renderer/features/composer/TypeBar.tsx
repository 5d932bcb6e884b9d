// The composer's head: which type is being composed (grouped as LangWatch's catalog groups
// them), what that type is, and the plan gate stated before anything is typed.
import type { SourceType } from '../../../src-shared/domain/langwatch';
import { catalogEntry } from '../../../src-shared/domain/source-catalog';
import { MODE_LABEL } from '../sources/labels';
import { typeGroups, type PlanFacts, type PlanGate } from '../../../src-shared/domain/source-form';

/**
 * Why the console sends more or other than LangWatch's composer for the type as a whole: room
 * core's catalog adds `SourceTypeEntry.departure` (issue 20); read defensively until it is here.
 */
function typeDeparture(entry: object): string | null {
  const departure = (entry as { departure?: unknown }).departure;
  return typeof departure === 'string' && departure !== '' ? departure : null;
}

export function TypeBar({
  type,
  plan,
  gate,
  planBlock,
  organizationName,
  deploymentName,
  cleared,
  onPick,
}: {
  type: SourceType;
  plan: PlanFacts | null;
  gate: PlanGate;
  planBlock: string | null;
  organizationName: string;
  /** The deployment profile it is staged for (the composer and outbox work on one at a time). */
  deploymentName: string | null;
  /** Secrets the last type switch cleared (labels only). */
  cleared: readonly string[];
  onPick(type: SourceType): void;
}) {
  const entry = catalogEntry(type);
  return (
    <>
      <h1>New source</h1>
      <div className="type-row">
        <label htmlFor="source-type-select">Source type</label>
        <select
          id="source-type-select"
          data-testid="type-select"
          value={type}
          onChange={(e) => onPick(e.target.value as SourceType)}
        >
          {typeGroups(plan).map((g) => (
            <optgroup key={g.group} label={g.title}>
              {g.choices.map((c) => (
                <option key={c.entry.type} value={c.entry.type} disabled={c.locked}>
                  {c.locked ? `${c.entry.label} (Enterprise)` : c.entry.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <span className="muted" data-testid="type-mode" data-mode={entry.mode}>
          {MODE_LABEL[entry.mode]}
        </span>
      </div>
      <p className="muted composer-intro" data-testid="type-blurb">
        <code>{type}</code> in <strong data-testid="compose-org">{organizationName}</strong>
        {deploymentName ? (
          <>
            {' '}
            on <strong data-testid="compose-deployment">{deploymentName}</strong>
          </>
        ) : null}
        : {entry.blurb}
      </p>
      {typeDeparture(entry) ? (
        <p className="field-departure" data-testid="type-departure">
          Unlike LangWatch’s own form: {typeDeparture(entry)}
        </p>
      ) : null}
      <p className="plan-gate" data-testid="plan-gate" data-kind={gate.kind}>
        {gate.text}
      </p>
      {planBlock ? (
        <p role="alert" className="field-error" data-testid="plan-block">
          {planBlock}
        </p>
      ) : null}
      {cleared.length > 0 ? (
        <p role="status" className="field-warning" data-testid="secrets-cleared">
          Cleared with the type switch (a secret is never carried to another vendor): {cleared.join(', ')}.
        </p>
      ) : null}
    </>
  );
}

import type { Place } from '../../../src-shared/domain/everywhere';
import type { EverywhereQuery, GroupBy } from '../../../src-shared/domain/everywhere-attention';

interface Props {
  places: readonly Place[];
  query: EverywhereQuery;
  onChange(patch: Partial<EverywhereQuery>): void;
}

/** Text, deployment, organisation, attention only, and grouping. */
export function EverywhereFilters({ places, query, onChange }: Props) {
  const deployments = [...new Map(places.map((p) => [p.profileId, p.profileName])).entries()];
  const organizations = [...new Set(places.flatMap((p) => (p.organizationName ? [p.organizationName] : [])))].sort();
  return (
    <div className="row ew-filters" role="search" aria-label="Filter sources everywhere">
      <input
        type="search"
        aria-label="Search sources, deployments, organisations"
        placeholder="Search"
        value={query.text}
        onChange={(e) => onChange({ text: e.target.value })}
        data-testid="everywhere-search"
      />
      <select
        aria-label="Deployment"
        value={query.deployment}
        onChange={(e) => onChange({ deployment: e.target.value })}
        data-testid="everywhere-deployment"
      >
        <option value="">Every deployment</option>
        {deployments.map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </select>
      <select
        aria-label="Organisation"
        value={query.organization}
        onChange={(e) => onChange({ organization: e.target.value })}
        data-testid="everywhere-organization"
      >
        <option value="">Every organisation</option>
        {organizations.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <label className="inline-label">
        <input
          type="checkbox"
          checked={query.attentionOnly}
          onChange={(e) => onChange({ attentionOnly: e.target.checked })}
          data-testid="everywhere-attention-only"
        />
        Needs attention only
      </label>
      <select
        aria-label="Group by"
        value={query.groupBy}
        onChange={(e) => onChange({ groupBy: e.target.value as GroupBy })}
        data-testid="everywhere-group"
      >
        <option value="place">Group by place</option>
        <option value="deployment">Group by deployment</option>
        <option value="none">No groups (attention first)</option>
      </select>
    </div>
  );
}

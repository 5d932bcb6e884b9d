/**
 * No permission to view sources is a state, not an error loop: one screen that names the
 * missing permission, who can grant it, and where else to go. No retry, no summary strip,
 * no rows (nobody else's staged entries either).
 */
import { useAppStore } from '../../stores/app-store';
import { selectActiveOrganization, useAuthStateStore } from '../../stores/auth-state-store';

export function NoAccess() {
  const organization = useAuthStateStore(selectActiveOrganization);
  const organizations = useAuthStateStore((s) => s.state?.organizations ?? []);
  const selectOrganization = useAuthStateStore((s) => s.selectOrganization);
  const navigate = useAppStore((s) => s.navigate);
  const orgName = organization?.name ?? 'this organisation';
  const others = organizations.filter((o) => o.id !== organization?.id);
  return (
    <section className="view sources-view no-access" data-testid="sources-no-access" aria-labelledby="no-access-title">
      <h1 id="no-access-title">You cannot view ingestion sources in {orgName}</h1>
      <p>
        Your role in {orgName} lacks the permission <code>ingestionSources:view</code>, so LangWatch shows you no
        sources, and this console shows no health and no staged entries for it.
      </p>
      <p>
        An admin of {orgName} (a role with <code>organization:manage</code>) can grant it in LangWatch&apos;s
        organisation settings. The list appears here by itself once the permission is granted.
      </p>
      <div className="row">
        {others.map((o) => (
          <button
            key={o.id}
            type="button"
            onClick={() => void selectOrganization(o.id)}
            data-testid={`no-access-org-${o.id}`}
          >
            Switch to {o.name}
          </button>
        ))}
        <button type="button" onClick={() => navigate('deployments')} data-testid="no-access-deployments">
          Switch deployment
        </button>
      </div>
    </section>
  );
}

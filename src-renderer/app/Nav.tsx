import { useEffect } from 'react';
import { ROUTES, useAppStore, type Route } from '../stores/app-store';
import { useAuthStateStore } from '../stores/auth-state-store';

/**
 * The route whose view is on screen: signed out, Sources shows the sign-in screen (the
 * Deployments view), so the nav highlights Deployments there.
 */
function useOnScreenRoute(): Route {
  const route = useAppStore((s) => s.route);
  const kind = useAuthStateStore((s) => s.state?.session.kind);
  const active = kind === 'signed_in' || kind === 'device';
  return route === 'sources' && kind !== undefined && !active ? 'deployments' : route;
}

const LABELS: Record<Route, string> = {
  sources: 'Sources',
  compose: 'Compose',
  outbox: 'Outbox',
  settings: 'Settings',
  deployments: 'Deployments',
  everywhere: 'Everywhere',
};

/** Extra content a feature may show next to its nav label (e.g. the outbox count badge). */
export type NavBadges = Partial<Record<Route, number>>;

/**
 * Primary navigation. Reachable by Tab, arrow keys inside the list, and Alt+1…4 anywhere.
 */
export function Nav({ badges = {} }: { badges?: NavBadges }) {
  const route = useOnScreenRoute();
  const navigate = useAppStore((s) => s.navigate);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const index = Number(event.key) - 1;
      const target = ROUTES[index];
      if (target) {
        event.preventDefault();
        navigate(target);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  const onArrow = (event: React.KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const step = event.key === 'ArrowDown' ? 1 : -1;
    const next = ROUTES[(ROUTES.indexOf(route) + step + ROUTES.length) % ROUTES.length]!;
    navigate(next);
    document.getElementById(`nav-${next}`)?.focus();
  };

  return (
    <nav aria-label="Main" className="nav" onKeyDown={onArrow}>
      <ul>
        {ROUTES.map((r, i) => (
          <li key={r}>
            <button
              id={`nav-${r}`}
              type="button"
              aria-current={route === r ? 'page' : undefined}
              title={`${LABELS[r]} (Alt+${i + 1})`}
              data-testid={`nav-${r}`}
              onClick={() => navigate(r)}
            >
              {LABELS[r]}
              {badges[r] ? (
                <span className="badge" data-testid={`badge-${r}`} aria-label={`${badges[r]} pending`}>
                  {badges[r]}
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

import { useAuthStore } from '../../stores/auth-store';
import { selectActiveOrganization, selectCanManage, useAuthStateStore } from '../../stores/auth-state-store';
import './auth.css';

/** The top bar's auth: deployment, who is signed in, organisation picker, role badges, sign-out. */
export function AuthBar() {
  const state = useAuthStateStore((s) => s.state);
  const activeOrg = useAuthStateStore(selectActiveOrganization);
  const canManage = useAuthStateStore(selectCanManage);
  const selectOrganization = useAuthStateStore((s) => s.selectOrganization);
  const signOut = useAuthStore((s) => s.signOut);
  if (!state) return null;
  const profile = state.profiles.find((p) => p.id === state.activeProfileId);
  const session = state.session;
  const active =
    session.kind === 'signed_in' || session.kind === 'device'
      ? session
      : session.kind === 'expired'
        ? session.previous
        : null;
  const user = active?.user;
  const signedIn = session.kind === 'signed_in' || session.kind === 'device';
  return (
    <div className="auth-bar" data-testid="auth-bar" data-session={session.kind}>
      {profile && (
        <span className="auth-profile" data-testid="profile-name" title={profile.baseUrl}>
          {profile.name}
        </span>
      )}
      {user && (
        <span className="auth-user" data-testid="signed-in-user">
          {user.email ?? user.name ?? 'signed in'}
        </span>
      )}
      {session.kind === 'expired' && (
        <span className="pill pill-bad" data-testid="badge-expired">
          session expired
        </span>
      )}
      {state.readOnly && signedIn && (
        <span
          className="pill pill-warn"
          data-testid="badge-read-only"
          tabIndex={0}
          title="Signed in with a device code: you can look, not change."
        >
          read-only (support)
        </span>
      )}
      {!state.readOnly && signedIn && state.permissions && !canManage && (
        <span
          className="pill pill-warn"
          data-testid="badge-view-only"
          tabIndex={0}
          title="View only: your role lacks ingestionSources:manage."
        >
          view only
        </span>
      )}
      {signedIn && state.organizations.length > 0 && (
        <label className="auth-org">
          <span className="visually-hidden">Organisation</span>
          <select
            aria-label="Organisation"
            data-testid="org-picker"
            value={activeOrg?.id ?? ''}
            disabled={state.readOnly || state.organizations.length < 2}
            onChange={(event) => void selectOrganization(event.target.value)}
          >
            {state.organizations.map((org) => (
              <option key={org.id} value={org.id}>
                {org.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {signedIn && state.activeProfileId && (
        <button type="button" data-testid="sign-out" onClick={() => void signOut(state.activeProfileId!)}>
          Sign out
        </button>
      )}
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../stores/app-store';
import type { Profile } from '../../../src-shared/domain/langwatch';
import { useAuthStore } from '../../stores/auth-store';
import { useAuthStateStore } from '../../stores/auth-state-store';
import { useOutboxStore } from '../../stores/outbox-store';
import { useProfilesStore } from '../../stores/profiles-store';
import { OPEN_OUTBOX_STATES } from '../../../src-shared/domain/outbox';
import { ProfileForm } from './ProfileForm';
import { SignInMethods } from './SignInMethods';
import { sessionLabel, sessionOf } from './session-label';
import './auth.css';

/** Id of the sign-in screen's heading: "Sign in again" moves focus here. */
export const CONNECT_TITLE_ID = 'connect-title';

/**
 * Deployments and sign-in: shown in place of Sources while signed out, and as the
 * Deployments view at any time (add, edit, switch or forget a deployment while signed in).
 */
export function AuthView() {
  const state = useAuthStateStore((s) => s.state);
  const selectProfile = useAuthStateStore((s) => s.selectProfile);
  const signOut = useAuthStore((s) => s.signOut);
  const [form, setForm] = useState<'none' | 'add' | 'edit'>('none');
  useSourcesAfterSignIn(state?.session.kind);
  if (!state) return <p role="status">Loading…</p>;
  const profile = state.profiles.find((p) => p.id === state.activeProfileId) ?? null;
  const session = state.session;
  const signedIn = session.kind === 'signed_in' || session.kind === 'device';
  const title = signedIn ? 'Deployments' : session.kind === 'expired' ? 'Sign in again' : 'Connect to LangWatch';

  return (
    <section
      className="view auth-view"
      aria-labelledby={CONNECT_TITLE_ID}
      data-testid="auth-view"
      data-session={session.kind}
    >
      <h1 id={CONNECT_TITLE_ID} tabIndex={-1}>
        {title}
      </h1>
      {session.kind === 'signed_out' && session.reason && <p className="hint">{session.reason}</p>}
      <div className="row">
        <label className="inline-label">
          Deployment
          <select
            aria-label="Deployment profile"
            data-testid="profile-picker"
            value={state.activeProfileId ?? ''}
            onChange={(e) => void selectProfile(e.target.value)}
          >
            {state.profiles.map((p) => (
              <option key={p.id} value={p.id} data-session={sessionOf(state, p.id)?.kind ?? 'unknown'}>
                {p.name} — {p.baseUrl} ({sessionLabel(sessionOf(state, p.id))})
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setForm('add')} data-testid="profile-add">
          Add deployment
        </button>
        {profile && (
          <button type="button" onClick={() => setForm('edit')} data-testid="profile-edit">
            Edit
          </button>
        )}
      </div>
      {form !== 'none' && (
        <ProfileForm
          key={form + (profile?.id ?? '')}
          editing={form === 'edit' ? profile : null}
          onDone={() => setForm('none')}
        />
      )}
      {profile && signedIn && form === 'none' && (
        <div className="signed-in-card" data-testid="signed-in-card">
          <p>
            Signed in to <strong>{profile.name}</strong> as{' '}
            <strong>{session.user.email ?? session.user.name ?? 'you'}</strong>
            {session.kind === 'device' ? ' with a read-only device code (support).' : '.'}
          </p>
          <button type="button" onClick={() => void signOut(profile.id)} data-testid="connect-sign-out">
            Sign out of {profile.name}
          </button>
        </div>
      )}
      {profile && !signedIn && form === 'none' && <SignInMethods key={profile.id} profileId={profile.id} />}
      {profile && form === 'none' && <ForgetProfile profile={profile} />}
    </section>
  );
}

/** Signing in on this screen leads on to the sources (what one signs in for). */
function useSourcesAfterSignIn(kind: string | undefined): void {
  const navigate = useAppStore((s) => s.navigate);
  const previous = useRef(kind);
  useEffect(() => {
    const wasActive = previous.current === 'signed_in' || previous.current === 'device';
    const isActive = kind === 'signed_in' || kind === 'device';
    previous.current = kind;
    if (!wasActive && isActive && kind !== undefined) navigate('sources');
  }, [kind, navigate]);
}

/** A quiet, separate action with a confirmation: forgetting signs out and removes local data. */
function ForgetProfile({ profile }: { profile: Profile }) {
  const forget = useProfilesStore((s) => s.forget);
  // A refusal (other people's staged keys in the way) keeps the dialog open and says why.
  const error = useProfilesStore((s) => s.error);
  const refusal = error?.details?.change === 'forget' ? error : null; // not an error of the profile form
  const [confirming, setConfirming] = useState(false);
  // Forgetting a deployment discards its staged keys too: the confirmation says how many.
  const stagedHere = useOutboxStore(
    (s) => s.entries.filter((e) => e.profileId === profile.id && OPEN_OUTBOX_STATES.includes(e.state)).length,
  );
  if (!confirming) {
    return (
      <div className="forget-zone">
        <button type="button" className="quiet" onClick={() => setConfirming(true)} data-testid="profile-forget">
          Forget this deployment profile…
        </button>
      </div>
    );
  }
  return (
    <div
      role="alertdialog"
      aria-labelledby="forget-title"
      aria-describedby="forget-body"
      className="confirm forget-zone"
    >
      <h2 id="forget-title">Forget {profile.name}?</h2>
      <p id="forget-body">
        This signs out of {profile.baseUrl} and removes everything the console stored for it on this computer
        {stagedHere > 0 ? (
          <>
            , and{' '}
            <strong data-testid="forget-staged-count">
              discards {stagedHere} staged {stagedHere === 1 ? 'key' : 'keys'}
            </strong>{' '}
            still waiting in the outbox (wiped from the keychain, never sent)
          </>
        ) : null}
        . Sources on LangWatch are not touched.
      </p>
      {refusal && (
        <p role="alert" className="field-error" data-testid="forget-refused">
          {refusal.message}
        </p>
      )}
      <div className="row">
        <button type="button" onClick={() => setConfirming(false)} autoFocus>
          Keep it
        </button>
        <button
          type="button"
          className="danger"
          data-testid="profile-forget-confirm"
          onClick={() => void forget(profile.id).then((ok) => ok && setConfirming(false))}
        >
          Forget {profile.name}
        </button>
      </div>
    </div>
  );
}

import { useState } from 'react';
import { useConnectionStore } from '../../stores/connection-store';
import { useOutboxStore } from '../../stores/outbox-store';
import { useProfilesStore } from '../../stores/profiles-store';
import { OPEN_OUTBOX_STATES } from '../../../src-shared/domain/outbox';
import { ProfileForm } from './ProfileForm';
import { SignInMethods } from './SignInMethods';
import './connect.css';

/** Where the console connects and how to sign in: shown in place of Sources while signed out. */
export function ConnectView() {
  const state = useConnectionStore((s) => s.state);
  const selectProfile = useConnectionStore((s) => s.selectProfile);
  const forget = useProfilesStore((s) => s.forget);
  const [form, setForm] = useState<'none' | 'add' | 'edit'>('none');
  const [confirmForget, setConfirmForget] = useState(false);
  // Forgetting a deployment discards its staged keys too: the confirmation says how many.
  const activeId = state?.activeProfileId ?? null;
  const stagedHere = useOutboxStore((s) => s.entries.filter((e) => e.profileId === activeId && OPEN_OUTBOX_STATES.includes(e.state)).length);
  if (!state) return <p role="status">Loading…</p>;
  const profile = state.profiles.find((p) => p.id === state.activeProfileId) ?? null;
  const expired = state.session.kind === 'expired';

  return (
    <section className="view connect-view" aria-labelledby="connect-title" data-testid="connect-view">
      <h1 id="connect-title">{expired ? 'Sign in again' : 'Connect to LangWatch'}</h1>
      {state.session.kind === 'signed_out' && state.session.reason && <p className="hint">{state.session.reason}</p>}
      <div className="row">
        <label>
          Deployment{' '}
          <select
            aria-label="Deployment"
            data-testid="profile-picker"
            value={state.activeProfileId ?? ''}
            onChange={(e) => void selectProfile(e.target.value)}
          >
            {state.profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} — {p.baseUrl}
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
        {profile && !confirmForget && (
          <button type="button" className="danger" onClick={() => setConfirmForget(true)} data-testid="profile-forget">
            Forget this deployment
          </button>
        )}
      </div>
      {profile && confirmForget && (
        <div role="alertdialog" aria-label="Forget deployment" className="confirm">
          <p>
            Forget {profile.name}? This signs out and removes everything the console stored for it
            {stagedHere > 0 ? (
              <>
                , and <strong data-testid="forget-staged-count">discards {stagedHere} staged {stagedHere === 1 ? 'key' : 'keys'}</strong> still waiting in the outbox (wiped from the keychain, never sent).
              </>
            ) : (
              '.'
            )}
          </p>
          <button
            type="button"
            className="danger"
            data-testid="profile-forget-confirm"
            onClick={() => void forget(profile.id).then(() => setConfirmForget(false))}
          >
            Forget
          </button>
          <button type="button" onClick={() => setConfirmForget(false)}>
            Keep it
          </button>
        </div>
      )}
      {form !== 'none' && <ProfileForm key={form + (profile?.id ?? '')} editing={form === 'edit' ? profile : null} onDone={() => setForm('none')} />}
      {profile && form === 'none' && <SignInMethods key={profile.id} profileId={profile.id} />}
    </section>
  );
}

import { useAuthStateStore } from '../../stores/auth-state-store';
import { usePreferences } from './use-preferences';

/** Why the shared settings are locked in a read-only session (main refuses them too). */
export const READ_ONLY_SETTINGS_REASON =
  'Read-only sign-in: the automatic key check and the staged-key lifetime apply to everyone’s staged keys, so only an admin sign-in can change them.';

/** The console's own settings: automatic key check, staged-key lifetime, notifications. */
export function PreferencesSection() {
  const { settings, error, ttlText, setTtlText, update, saveTtl } = usePreferences();
  const readOnly = useAuthStateStore((s) => s.state?.readOnly ?? false);
  if (!settings) return error ? <p role="alert">{error.message}</p> : <p className="muted">Loading settings…</p>;
  return (
    <div className="preferences" data-testid="preferences">
      <label className="row">
        <input
          type="checkbox"
          checked={settings.autoPreflight}
          onChange={(e) => void update({ autoPreflight: e.target.checked })}
          disabled={readOnly}
          title={readOnly ? READ_ONLY_SETTINGS_REASON : undefined}
          data-testid="setting-auto-key-check"
        />
        Test each staged key against Anthropic before submitting it (skipped while offline, with a note on the entry; it
        never blocks staging)
      </label>
      <label className="row">
        <input
          type="checkbox"
          checked={settings.notifications}
          onChange={(e) => void update({ notifications: e.target.checked })}
          data-testid="setting-notifications"
        />
        Notify me when a source turns active or a key staged offline is submitted
      </label>
      <label className="row">
        Wipe a staged key that was not submitted after
        <input
          type="number"
          min={1}
          max={336}
          value={ttlText}
          onChange={(e) => setTtlText(e.target.value)}
          onBlur={saveTtl}
          onKeyDown={(e) => e.key === 'Enter' && saveTtl()}
          aria-label="Staged key lifetime in hours"
          disabled={readOnly}
          title={readOnly ? READ_ONLY_SETTINGS_REASON : undefined}
          data-testid="setting-ttl"
          style={{ width: '6em' }}
        />
        hours
      </label>
      {readOnly && (
        <p className="hint" data-testid="settings-read-only">
          {READ_ONLY_SETTINGS_REASON}
        </p>
      )}
      {error && (
        <p role="alert" className="key-check-error">
          {error.message}
        </p>
      )}
    </div>
  );
}

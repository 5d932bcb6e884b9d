import { usePreferences } from './use-preferences';

/** The console's own settings: automatic key check, staged-key lifetime, notifications. */
export function PreferencesSection() {
  const { settings, error, ttlText, setTtlText, update, saveTtl } = usePreferences();
  if (!settings) return error ? <p role="alert">{error.message}</p> : <p className="muted">Loading settings…</p>;
  return (
    <div className="preferences" data-testid="preferences">
      <label className="row">
        <input
          type="checkbox"
          checked={settings.autoPreflight}
          onChange={(e) => void update({ autoPreflight: e.target.checked })}
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
          data-testid="setting-ttl"
          style={{ width: '6em' }}
        />
        hours
      </label>
      {error && (
        <p role="alert" className="key-check-error">
          {error.message}
        </p>
      )}
    </div>
  );
}

import { useEffect, useState } from 'react';
import type { Settings, SettingsPatch } from '../../../src-shared/domain/settings';
import type { ErrorData } from '../../../src-shared/errors';
import { call, lw } from '../../api/lw';

/** The console's own settings: automatic key check, staged-key lifetime, notifications. */
export function PreferencesSection() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);
  const [ttlText, setTtlText] = useState('');

  useEffect(() => {
    let cancelled = false;
    void call(() => lw().settings.get({})).then((result) => {
      if (cancelled) return;
      if (result.ok) {
        setSettings(result.value);
        setTtlText(String(result.value.stagedKeyTtlHours));
      } else setError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const update = async (patch: SettingsPatch) => {
    const result = await call(() => lw().settings.update(patch));
    if (result.ok) {
      setSettings(result.value);
      setTtlText(String(result.value.stagedKeyTtlHours));
      setError(null);
    } else setError(result.error);
  };

  const saveTtl = () => {
    const hours = Number(ttlText);
    if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 14) {
      setError({ code: 'invalid_argument', message: 'Enter a whole number of hours from 1 to 336 (14 days).' });
      return;
    }
    if (hours !== settings?.stagedKeyTtlHours) void update({ stagedKeyTtlHours: hours });
  };

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

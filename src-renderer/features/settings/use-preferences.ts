// Loads and saves the console's own settings for the preferences section, apart from its markup.
import { useEffect, useState } from 'react';
import type { Settings, SettingsPatch } from '../../../src-shared/domain/settings';
import type { ErrorData } from '../../../src-shared/errors';
import { call, lw } from '../../api/lw';

/** The settings as main keeps them, the lifetime as typed, and the last error of a load or save. */
export function usePreferences() {
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

  return { settings, error, ttlText, setTtlText, update, saveTtl };
}

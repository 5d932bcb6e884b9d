import { useState } from 'react';
import type { ErrorData } from '../../../src-shared/errors';
import { call, lw } from '../../api/lw';
import { useAppStore } from '../../stores/app-store';
import { AnthropicSection } from './AnthropicSection';
import { PreferencesSection } from './PreferencesSection';

type KeychainCheck =
  { state: 'idle' } | { state: 'checking' } | { state: 'ok'; ms: number } | { state: 'failed'; error: ErrorData };

/** Settings: what this console is, preferences, the Anthropic base URL and a key test, and a keychain self-check. */
export function SettingsView() {
  const info = useAppStore((s) => s.info);
  const [check, setCheck] = useState<KeychainCheck>({ state: 'idle' });

  const runCheck = async () => {
    setCheck({ state: 'checking' });
    const result = await call(() => lw().app.checkKeychain({}));
    setCheck(result.ok ? { state: 'ok', ms: result.value.roundTripMs } : { state: 'failed', error: result.error });
    // A keychain that came back re-enables staging: re-read what the console is (the banner goes).
    if (result.ok && info?.problems.some((p) => p.area === 'keychain')) void useAppStore.getState().start();
  };

  return (
    <section aria-labelledby="settings-title" className="view">
      <h1 id="settings-title">Settings</h1>
      {info && (
        <dl className="facts" data-testid="app-info">
          <dt>Version</dt>
          <dd>{info.version}</dd>
          <dt>Mode</dt>
          <dd>{info.mode}</dd>
          <dt>Data folder</dt>
          <dd className="mono">{info.userDataDir}</dd>
          <dt>Logs</dt>
          <dd className="mono">{info.logsDir}</dd>
          <dt>Secrets</dt>
          <dd>{info.secretBackend === 'keychain' ? 'OS keychain' : 'memory (test mode)'}</dd>
        </dl>
      )}
      <h2>Preferences</h2>
      <PreferencesSection />
      <AnthropicSection />
      <h2>Keychain</h2>
      <p>Keys you stage are held in the OS keychain until LangWatch has them. Check that it works:</p>
      <div className="row">
        <button type="button" onClick={runCheck} disabled={check.state === 'checking'} data-testid="check-keychain">
          Check keychain
        </button>
        <output aria-live="polite" data-testid="keychain-result">
          {check.state === 'checking' && 'Checking…'}
          {check.state === 'ok' && `Keychain OK (${check.ms.toFixed(0)} ms round trip)`}
          {check.state === 'failed' && `Keychain unavailable: ${check.error.message}`}
        </output>
      </div>
    </section>
  );
}

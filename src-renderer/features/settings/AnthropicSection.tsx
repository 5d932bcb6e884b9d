import { useEffect, useRef, useState } from 'react';
import type { Profile } from '../../../src-shared/domain/langwatch';
import type { ErrorData } from '../../../src-shared/errors';
import { call, lw } from '../../api/lw';
import { useAuthStateStore } from '../../stores/auth-state-store';
import { KeyCheckPanel } from '../key-checks/KeyCheckPanel';
import { KeyField, type KeyFieldHandle } from '../key-checks/KeyField';
import { ANTHROPIC_URL_INPUT_ID } from '../key-checks/VerdictExtras';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Same rule as main (which has the last word): https, or plain http to this computer only. */
export function anthropicUrlProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'Enter the Anthropic base URL (normally https://api.anthropic.com).';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'This is not a URL. Use a form like https://api.anthropic.com.';
  }
  if (url.username || url.password) return 'The URL must not contain a user name or password.';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return null;
  return 'Use https:// (plain http only for this computer: localhost or 127.0.0.1), so keys never travel unencrypted.';
}

/** The active profile's Anthropic base URL (for proxies and the emulator) and a key test. */
export function AnthropicSection() {
  const profile = useAuthStateStore((s) => s.state?.profiles.find((p) => p.id === s.state?.activeProfileId) ?? null);
  if (!profile) return <p className="muted">No deployment profile yet.</p>;
  return (
    <>
      <AnthropicUrlForm profile={profile} />
      <KeyTest profileId={profile.id} />
    </>
  );
}

/** The Anthropic base URL of one profile: checked here first, then saved by main (which has the last word). */
function AnthropicUrlForm({ profile }: { profile: Profile }) {
  const [text, setText] = useState(profile.anthropicBaseUrl);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);

  useEffect(() => setText(profile.anthropicBaseUrl), [profile.id, profile.anthropicBaseUrl]);

  const save = async () => {
    const local = anthropicUrlProblem(text);
    setProblem(local);
    setSaved(null);
    if (local) return;
    const result = await call(() => lw().profiles.edit({ profileId: profile.id, anthropicBaseUrl: text.trim() }));
    if (result.ok) {
      setSaved(result.value.anthropicBaseUrl);
      setText(result.value.anthropicBaseUrl);
      setError(null);
    } else setError(result.error);
  };

  return (
    <>
      <h2>Anthropic</h2>
      <p>
        Key tests and event previews of the profile <strong>{profile.name}</strong> go to this address. Change it only
        for a proxy or gateway in front of Anthropic.
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label htmlFor={ANTHROPIC_URL_INPUT_ID}>Anthropic base URL</label>
        <input
          id={ANTHROPIC_URL_INPUT_ID}
          className="mono"
          size={40}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setProblem(null);
            setSaved(null);
          }}
          aria-invalid={problem !== null}
          aria-describedby="anthropic-base-url-help"
          data-testid="anthropic-base-url"
        />
        <button type="submit" data-testid="save-anthropic-base-url">
          Save
        </button>
        <button type="button" onClick={() => setText('https://api.anthropic.com')}>
          Default
        </button>
      </form>
      <p id="anthropic-base-url-help" aria-live="polite" data-testid="anthropic-base-url-status">
        {problem && <span className="key-check-error">{problem}</span>}
        {error && <span className="key-check-error">{error.message}</span>}
        {saved && <span>Saved: {saved}</span>}
      </p>
    </>
  );
}

/** A compliance key tested against Anthropic without staging it; a verdict belongs to the key it checked. */
function KeyTest({ profileId }: { profileId: string }) {
  // Typing another key clears the verdict.
  const [keyVersion, setKeyVersion] = useState(0);
  const keyField = useRef<KeyFieldHandle>(null);
  return (
    <>
      <h2>Test a key</h2>
      <p>
        Check a compliance key against Anthropic without staging it, and preview the events LangWatch would receive. The
        key is sent once and not kept.
      </p>
      <KeyField
        ref={keyField}
        testId="test-key-input"
        help="Sent to Anthropic for this test only, never kept."
        onEdit={() => setKeyVersion((v) => v + 1)}
      />
      <KeyCheckPanel
        target={{ kind: 'typed', profileId, getKey: () => keyField.current?.peek() ?? '' }}
        keyVersion={keyVersion}
      />
    </>
  );
}

import { forwardRef, useEffect, useId, useImperativeHandle, useState } from 'react';
import { checkComplianceKey, keyFingerprint } from '../../../src-shared/domain/compliance-key';

/** What the parent learns about the key: never the key itself. */
export interface KeyStatus {
  empty: boolean;
  valid: boolean;
  fingerprint: string | null;
  error: string | null;
  warning: string | null;
}

/** The parent's handle: takes the key once (for the stage call) and clears the field. */
export interface KeyFieldHandle {
  take(): string;
  /** The trimmed key without clearing it: read at click time by "Test key", never stored. */
  peek(): string;
  clear(): void;
}

const EMPTY: KeyStatus = { empty: true, valid: false, fingerprint: null, error: null, warning: null };

function statusOf(raw: string): KeyStatus {
  if (raw.trim() === '') return EMPTY;
  const check = checkComplianceKey(raw);
  if (!check.ok) return { empty: false, valid: false, fingerprint: null, error: check.message, warning: null };
  return {
    empty: false,
    valid: true,
    fingerprint: keyFingerprint(check.key),
    error: null,
    warning: check.warning ?? null,
  };
}

/**
 * The compliance key input. The key lives only in this component's state: masked by
 * default, revealable, pasteable; it is cleared on submit (`take`) and on unmount, and the
 * parent only ever sees its status and fingerprint.
 */
export const KeyField = forwardRef<
  KeyFieldHandle,
  { label?: string; optional?: boolean; onStatus(status: KeyStatus): void; showErrors: boolean; onEdit?: () => void }
>(function KeyFieldInput({ label = 'Compliance key', optional = false, onStatus, showErrors, onEdit }, ref) {
  const [key, setRawKey] = useState('');
  // Every change of the key (typing, paste, clear) tells the parent: a verdict belongs to the key it checked.
  const setKey = (next: string) => {
    setRawKey(next);
    onEdit?.();
  };
  const [revealed, setRevealed] = useState(false);
  const [pasteNote, setPasteNote] = useState<string | null>(null);
  const id = useId();
  const status = statusOf(key);

  useImperativeHandle(ref, () => ({
    take() {
      const value = key.trim();
      setKey('');
      setRevealed(false);
      return value;
    },
    peek() {
      return key.trim();
    },
    clear() {
      setKey('');
      setRevealed(false);
    },
  }));

  useEffect(() => onStatus(status), [status.empty, status.valid, status.fingerprint, status.error, status.warning]);
  // Belt and braces: nothing keeps the key after the field goes away.
  useEffect(() => () => setRawKey(''), []);

  async function paste() {
    setPasteNote(null);
    try {
      if (!navigator.clipboard?.readText) throw new Error('unavailable');
      const text = await navigator.clipboard.readText();
      setKey(text.trim());
    } catch {
      setPasteNote('The clipboard cannot be read here: click the field and press Ctrl+V (⌘V on macOS).');
    }
  }

  const showError = showErrors || !status.empty;
  return (
    <div className="field key-field">
      <label htmlFor={id}>
        {label}
        {optional ? <span className="muted"> (leave empty to keep the current key)</span> : null}
      </label>
      <div className="key-row">
        <input
          id={id}
          data-testid="key-input"
          type={revealed ? 'text' : 'password'}
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-invalid={showError && status.error !== null && !(optional && status.empty)}
          aria-describedby={`${id}-help`}
          placeholder="sk-ant-api01-…"
        />
        <button type="button" onClick={() => setRevealed((r) => !r)} aria-pressed={revealed} data-testid="key-reveal">
          {revealed ? 'Hide' : 'Show'}
        </button>
        <button type="button" onClick={() => void paste()} data-testid="key-paste">
          Paste
        </button>
      </div>
      <div id={`${id}-help`} className="field-help">
        {status.fingerprint ? <span data-testid="key-fingerprint">Key {status.fingerprint}</span> : null}
        {showError && status.error && !(optional && status.empty) ? (
          <span role="alert" className="field-error" data-testid="key-error">
            {status.error}
          </span>
        ) : null}
        {showErrors && status.empty && !optional ? (
          <span role="alert" className="field-error" data-testid="key-error">
            Paste the compliance key.
          </span>
        ) : null}
        {status.warning ? (
          <span className="field-warning" data-testid="key-warning">
            {status.warning}
          </span>
        ) : null}
        {pasteNote ? <span className="muted">{pasteNote}</span> : null}
        <span className="muted">
          Anthropic's Compliance Access Key (sk-ant-api01-…) or an Admin API key (sk-ant-admin01-…). Kept in the system
          keychain only until LangWatch has it.
        </span>
      </div>
    </div>
  );
});

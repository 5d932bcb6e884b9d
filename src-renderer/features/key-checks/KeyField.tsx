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

export const EMPTY_KEY: KeyStatus = { empty: true, valid: false, fingerprint: null, error: null, warning: null };

const STAGED_HELP =
  "Anthropic's Compliance Access Key (sk-ant-api01-…) or an Admin API key (sk-ant-admin01-…). Kept in the system keychain only until LangWatch has it.";

function statusOf(raw: string): KeyStatus {
  if (raw.trim() === '') return EMPTY_KEY;
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

export interface KeyFieldProps {
  label?: string;
  /** Empty is fine (an edit that keeps the current key): no "paste the key" error. */
  optional?: boolean;
  /** Show "paste the key" even before the first keystroke (after a submit). */
  showErrors?: boolean;
  onStatus?(status: KeyStatus): void;
  /** Every change of the key (typing, paste, clear): a verdict belongs to the key it checked. */
  onEdit?(): void;
  /** Harness specs find each screen's input by its own test id. */
  testId?: string;
  /** A fixed element id, for screens that move the focus to this input. */
  id?: string;
  /** What the key is for on this screen (the default: staged until LangWatch has it). */
  help?: string;
  autoFocus?: boolean;
}

function KeyHelp({
  id,
  status,
  optional,
  showErrors,
  pasteNote,
  help,
}: {
  id: string;
  status: KeyStatus;
  optional: boolean;
  showErrors: boolean;
  pasteNote: string | null;
  help: string;
}) {
  const showError = showErrors || !status.empty;
  return (
    <div id={id} className="field-help">
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
      <span className="muted">{help}</span>
    </div>
  );
}

/** "Paste": the clipboard's text into the field, or how to paste by hand where it cannot be read. */
function usePaste(setKey: (key: string) => void) {
  const [pasteNote, setPasteNote] = useState<string | null>(null);
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
  return { pasteNote, paste };
}

/**
 * The one compliance key input of the console. The key lives only in this component's
 * state: masked by default, revealable, pasteable; it is cleared on submit (`take`) and on
 * unmount, and the parent only ever sees its status and fingerprint.
 */
export const KeyField = forwardRef<KeyFieldHandle, KeyFieldProps>(function KeyFieldInput(
  { label = 'Compliance key', optional = false, showErrors = false, onStatus, onEdit, testId = 'key-input', ...rest },
  ref,
) {
  const [key, setRawKey] = useState('');
  const setKey = (next: string) => {
    setRawKey(next);
    onEdit?.();
  };
  const [revealed, setRevealed] = useState(false);
  const { pasteNote, paste } = usePaste(setKey);
  const generatedId = useId();
  const id = rest.id ?? generatedId;
  const status = statusOf(key);

  useImperativeHandle(ref, () => ({
    take() {
      const value = key.trim();
      setKey('');
      setRevealed(false);
      return value;
    },
    peek: () => key.trim(),
    clear() {
      setKey('');
      setRevealed(false);
    },
  }));

  useEffect(() => onStatus?.(status), [status.empty, status.valid, status.fingerprint, status.error, status.warning]);
  // Belt and braces: nothing keeps the key after the field goes away.
  useEffect(() => () => setRawKey(''), []);

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
          data-testid={testId}
          type={revealed ? 'text' : 'password'}
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-invalid={showError && status.error !== null && !(optional && status.empty)}
          aria-describedby={`${id}-help`}
          placeholder="sk-ant-api01-…"
          autoFocus={rest.autoFocus}
        />
        <button type="button" onClick={() => setRevealed((r) => !r)} aria-pressed={revealed} data-testid="key-reveal">
          {revealed ? 'Hide' : 'Show'}
        </button>
        <button type="button" onClick={() => void paste()} data-testid="key-paste">
          Paste
        </button>
      </div>
      <KeyHelp
        id={`${id}-help`}
        status={status}
        optional={optional}
        showErrors={showErrors}
        pasteNote={pasteNote}
        help={rest.help ?? STAGED_HELP}
      />
    </div>
  );
});

// A secret field of any source type: masked, with a show toggle, never echoed anywhere else.
import { useState } from 'react';

/** A masked input with a show toggle; the value lives in the form only until it is staged. */
export function SecretInput({
  value,
  placeholder,
  onChange,
  ...common
}: {
  id: string;
  value: string;
  placeholder: string;
  onChange(value: string): void;
  'data-testid': string;
  'aria-required': boolean;
  'aria-invalid': boolean;
  'aria-describedby': string;
}) {
  const [revealed, setRevealed] = useState(false);
  return (
    <div className="key-row">
      <input
        {...common}
        type={revealed ? 'text' : 'password'}
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
      <button
        type="button"
        onClick={() => setRevealed((r) => !r)}
        aria-pressed={revealed}
        aria-label={revealed ? 'Hide the secret' : 'Show the secret'}
        data-testid={`${common.id}-reveal`}
      >
        {revealed ? 'Hide' : 'Show'}
      </button>
    </div>
  );
}

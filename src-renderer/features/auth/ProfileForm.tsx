import { useEffect, useState } from 'react';
import type { Profile } from '../../../src-shared/domain/langwatch';
import { useAuthStateStore } from '../../stores/auth-state-store';
import { useProfilesStore } from '../../stores/profiles-store';

/** Add or edit a deployment profile, with the URL checked as it is typed. */
export function ProfileForm({ editing, onDone }: { editing: Profile | null; onDone: () => void }) {
  const [name, setName] = useState(editing?.name ?? '');
  const [url, setUrl] = useState(editing?.baseUrl ?? 'https://app.langwatch.ai');
  const { busy, error, checkUrl, add, edit } = useProfilesStore();
  const selectProfile = useAuthStateStore((s) => s.selectProfile);
  const check = useUrlCheck(url, checkUrl);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (check && !check.ok) return;
    if (editing) {
      if (await edit(editing.id, { name, baseUrl: url })) onDone();
      return;
    }
    const id = await add({ ...(name.trim() ? { name } : {}), baseUrl: url });
    if (id) {
      await selectProfile(id);
      onDone();
    }
  };

  return (
    <form
      className="profile-form"
      onSubmit={submit}
      data-testid="profile-form"
      aria-label={editing ? 'Edit deployment profile' : 'Add deployment profile'}
    >
      <label>
        Name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Acme self-hosted"
          maxLength={128}
          data-testid="profile-name-input"
        />
      </label>
      <label>
        Deployment URL
        <input
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-invalid={check !== null && !check.ok}
          aria-describedby="profile-url-hint"
          inputMode="url"
          data-testid="profile-url-input"
        />
      </label>
      <UrlHint check={check} />
      {error && (
        <p role="alert" className="field-error">
          {error.message}
        </p>
      )}
      <div className="row">
        <button
          type="submit"
          className="primary"
          disabled={busy || (check !== null && !check.ok)}
          data-testid="profile-save"
        >
          {editing ? 'Save deployment' : 'Add deployment'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

type UrlCheck = { ok: true; baseUrl: string } | { ok: false; message: string } | null;

/** The typed URL as main judges it, asked 250 ms after the last keystroke. */
function useUrlCheck(url: string, checkUrl: (url: string) => Promise<UrlCheck>): UrlCheck {
  const [check, setCheck] = useState<UrlCheck>(null);
  useEffect(() => {
    let alive = true;
    const timer = setTimeout(() => void checkUrl(url).then((r) => alive && setCheck(r)), 250);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [url, checkUrl]);
  return check;
}

/** Under the URL: the rule, where it will connect, or what is wrong with it. */
function UrlHint({ check }: { check: UrlCheck }) {
  return (
    <p
      id="profile-url-hint"
      className={check && !check.ok ? 'field-error' : 'hint'}
      data-testid="profile-url-hint"
      aria-live="polite"
    >
      {check === null
        ? 'https is required, except for this computer (localhost).'
        : check.ok
          ? `Will connect to ${check.baseUrl}`
          : check.message}
    </p>
  );
}

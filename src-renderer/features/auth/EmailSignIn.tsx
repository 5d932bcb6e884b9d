import { useEffect, useState } from 'react';
import { useAuthStore } from '../../stores/auth-store';
import { formatCountdown } from '../../../src-shared/domain/duration';

function useSecondsLeft(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null || until <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

/** Email + password. The password lives in this form's state until submit, then is cleared. */
export function EmailSignIn({ profileId }: { profileId: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { emailBusy, emailError, rateLimitedUntil, signInWithEmail } = useAuthStore();
  const wait = useSecondsLeft(rateLimitedUntil);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const typed = password;
    setPassword('');
    await signInWithEmail(profileId, email, typed);
  };

  return (
    <form className="email-sign-in" onSubmit={submit} aria-label="Sign in with email" data-testid="email-sign-in">
      <label>
        Email
        <input
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
          data-testid="email-input"
        />
      </label>
      <label>
        Password
        <input
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          maxLength={1024}
          data-testid="password-input"
        />
      </label>
      {emailError && (
        <p role="alert" className="field-error" data-testid="sign-in-error" data-code={emailError.code}>
          {emailError.code === 'auth.rate_limited' && wait > 0
            ? `Too many sign-in attempts. Try again in ${formatCountdown(wait)}.`
            : emailError.message}
        </p>
      )}
      <button type="submit" className="primary" disabled={emailBusy || wait > 0} data-testid="email-submit">
        {emailBusy ? 'Signing in…' : wait > 0 ? `Wait ${formatCountdown(wait)}` : 'Sign in'}
      </button>
    </form>
  );
}

import { useEffect } from 'react';
import { useAuthStore } from '../../stores/auth-store';
import { DeviceSignIn } from './DeviceSignIn';
import { EmailSignIn } from './EmailSignIn';

/** The sign-in methods the deployment offers (from `auth.methods`), and why it can't be reached. */
export function SignInMethods({ profileId }: { profileId: string }) {
  const { methods, loadMethods, browserBusy, browserError, browserCancelled, signInWithBrowser, emailError } =
    useAuthStore();

  useEffect(() => {
    void loadMethods(profileId);
  }, [profileId, loadMethods]);

  const current = methods?.profileId === profileId ? methods : null;
  if (!current || current.loading) {
    return (
      <p role="status" data-testid="methods-loading">
        Contacting the deployment…
      </p>
    );
  }
  if (current.error) {
    return (
      <div className="methods-error" data-testid="methods-error" data-code={current.error.code}>
        <p role="alert" className="field-error">
          {current.error.message}
        </p>
        <button type="button" onClick={() => void loadMethods(profileId)}>
          Try again
        </button>
      </div>
    );
  }
  const passwordOff = !current.value?.password || emailError?.code === 'auth.password_disabled';
  const email = current.value?.password ? (
    <Method id="method-email" title="Email" hint="Sign in with your LangWatch email and password.">
      <EmailSignIn profileId={profileId} />
    </Method>
  ) : null;
  const sso = (
    <Method
      id="method-sso"
      title="Your company's SSO"
      hint={`${passwordOff ? 'This deployment signs in with SSO (password sign-in is off). ' : ''}Opens a sign-in window of the console for your identity provider; the console keeps only the session.`}
    >
      <div className="row">
        <button
          type="button"
          className={passwordOff ? 'primary' : undefined}
          onClick={() => void signInWithBrowser(profileId)}
          disabled={browserBusy}
          data-testid="browser-sign-in"
        >
          {browserBusy ? 'Finish signing in in the browser window…' : 'Sign in with browser'}
        </button>
      </div>
      {browserCancelled && (
        <p role="status" className="hint" data-testid="browser-cancelled">
          The sign-in window was closed before signing in.
        </p>
      )}
      {browserError && (
        <p role="alert" className="field-error" data-testid="browser-error">
          {browserError.message}
        </p>
      )}
    </Method>
  );
  return (
    <div className="sign-in-methods" data-testid="sign-in-methods" data-password={String(!passwordOff)}>
      {passwordOff ? sso : email}
      {passwordOff ? email : sso}
      <Method
        id="method-device"
        title="Read-only device code for support"
        hint="For support staff: look at sources without changing anything, by approving a short code in a browser where you are signed in to LangWatch."
      >
        <DeviceSignIn profileId={profileId} />
      </Method>
    </div>
  );
}

/** One sign-in method: what it is called, who it is for, and its controls. */
function Method({ id, title, hint, children }: { id: string; title: string; hint: string; children: React.ReactNode }) {
  return (
    <section className="sign-in-method" aria-labelledby={id} data-testid={id}>
      <h2 id={id}>{title}</h2>
      <p className="hint">{hint}</p>
      {children}
    </section>
  );
}

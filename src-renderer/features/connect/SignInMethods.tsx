import { useEffect } from 'react';
import { useAuthStore } from '../../stores/auth-store';
import { DeviceSignIn } from './DeviceSignIn';
import { EmailSignIn } from './EmailSignIn';

/** The sign-in methods the deployment offers (from `auth.methods`), and why it can't be reached. */
export function SignInMethods({ profileId }: { profileId: string }) {
  const { methods, loadMethods, browserBusy, browserError, browserCancelled, signInWithBrowser, emailError } = useAuthStore();

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
  const browserButton = (
    <button
      type="button"
      className={passwordOff ? 'primary' : undefined}
      onClick={() => void signInWithBrowser(profileId)}
      disabled={browserBusy}
      data-testid="browser-sign-in"
    >
      {browserBusy ? 'Finish signing in in the browser window…' : 'Sign in with browser'}
    </button>
  );
  return (
    <div className="sign-in-methods" data-testid="sign-in-methods" data-password={String(!passwordOff)}>
      {passwordOff && (
        <div className="browser-first">
          <p>This deployment signs in with SSO (password sign-in is off). Sign in in a browser window of the console:</p>
          {browserButton}
        </div>
      )}
      {current.value?.password && <EmailSignIn profileId={profileId} />}
      {!passwordOff && <div className="row">{browserButton}</div>}
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
      <hr />
      <DeviceSignIn profileId={profileId} />
    </div>
  );
}

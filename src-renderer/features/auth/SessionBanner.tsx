import { QUEUED_STATES, type OutboxEntryView } from '../../../src-shared/domain/outbox';
import { useAppStore } from '../../stores/app-store';
import { useAuthStateStore } from '../../stores/auth-state-store';
import { useOutboxStore } from '../../stores/outbox-store';
import { CONNECT_TITLE_ID } from './AuthView';

/** How many outbox entries wait to be submitted (the one outbox store follows them live). */
const selectQueuedCount = (s: { entries: readonly OutboxEntryView[] }): number =>
  s.entries.filter((e) => QUEUED_STATES.has(e.state)).length;

/**
 * Opens the sign-in screen and moves focus to it, so the button always does something visible,
 * even when that screen is already shown.
 */
function signInAgain(navigate: (route: 'deployments') => void): void {
  navigate('deployments');
  requestAnimationFrame(() => {
    const title = document.getElementById(CONNECT_TITLE_ID);
    title?.focus();
    title?.scrollIntoView({ block: 'start' });
  });
}

/** "Session expired — sign in again": queued work waits (it is not dropped) and resumes after sign-in. */
export function SessionBanner() {
  const expired = useAuthStateStore((s) => s.state?.session.kind === 'expired');
  const navigate = useAppStore((s) => s.navigate);
  const queued = useOutboxStore(selectQueuedCount);
  if (!expired) return null;
  return (
    <div role="alert" className="session-banner" data-testid="session-expired-banner">
      <strong>Session expired — sign in again.</strong>{' '}
      {queued > 0
        ? `${queued} queued ${queued === 1 ? 'item is' : 'items are'} waiting and will be sent after you sign in.`
        : 'Nothing is lost: work that needs the session waits until you sign in.'}{' '}
      <button type="button" className="primary" data-testid="sign-in-again" onClick={() => signInAgain(navigate)}>
        Sign in again
      </button>
    </div>
  );
}

// What some verdicts add to the card (the key's scopes, when to retry, the endpoint), apart from the card.
import type { KeyVerdict } from '../../../src-shared/domain/key-verdict';
import { useAppStore } from '../../stores/app-store';
import { formatCountdown } from '../../../src-shared/domain/duration';

/** Id of the Settings field the wrong-endpoint card links to. */
export const ANTHROPIC_URL_INPUT_ID = 'anthropic-base-url';

/** The verdict's own extras: scopes for a missing scope, the wait for a rate limit, the URL for a wrong endpoint. */
export function VerdictExtras({ verdict, anthropicBaseUrl }: { verdict: KeyVerdict; anthropicBaseUrl: string }) {
  switch (verdict.verdict) {
    case 'missing_scope':
      return (
        <div data-testid="verdict-scopes">
          {verdict.scopes === null ? (
            <p className="muted">Anthropic did not say which scopes the key has.</p>
          ) : (
            <>
              <p>Scopes this key has:</p>
              <ul>
                {verdict.scopes.length === 0 && <li>none</li>}
                {verdict.scopes.map((scope) => (
                  <li key={scope} className="mono">
                    {scope}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      );
    case 'rate_limited':
      return (
        <p data-testid="verdict-retry-after">
          {verdict.retryAfterSec === null
            ? 'Anthropic did not say when to retry: wait a minute.'
            : `Retry after ${formatCountdown(verdict.retryAfterSec)}.`}
        </p>
      );
    case 'wrong_endpoint':
      return <WrongEndpoint location={verdict.location} anthropicBaseUrl={anthropicBaseUrl} />;
    default:
      return null;
  }
}

function WrongEndpoint({ location, anthropicBaseUrl }: { location: string | null; anthropicBaseUrl: string }) {
  const navigate = useAppStore((s) => s.navigate);
  return (
    <div data-testid="verdict-endpoint">
      <p>
        Anthropic base URL of this profile: <code className="mono">{anthropicBaseUrl}</code>
        {location !== null && (
          <>
            {' '}
            (it redirected to <code className="mono">{location}</code>)
          </>
        )}
      </p>
      <button
        type="button"
        className="link"
        onClick={() => {
          navigate('settings');
          requestAnimationFrame(() => document.getElementById(ANTHROPIC_URL_INPUT_ID)?.focus());
        }}
      >
        Change the Anthropic base URL in Settings
      </button>
    </div>
  );
}

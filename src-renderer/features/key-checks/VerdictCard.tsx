import { useState } from 'react';
import type { KeyVerdict } from '../../../src-shared/domain/key-verdict';
import { assertNever } from '../../../src-shared/errors';
import { useAppStore } from '../../stores/app-store';

/** Id of the Settings field the wrong-endpoint card links to. */
export const ANTHROPIC_URL_INPUT_ID = 'anthropic-base-url';

/** Headline and tone of each verdict kind. */
export function verdictHeadline(verdict: KeyVerdict): { title: string; tone: 'ok' | 'warn' | 'bad' } {
  switch (verdict.verdict) {
    case 'valid':
      return { title: 'Key works', tone: 'ok' };
    case 'invalid_key':
      return { title: 'Key invalid or revoked', tone: 'bad' };
    case 'missing_scope':
      return { title: 'Key lacks the activity feed scope', tone: 'bad' };
    case 'rate_limited':
      return { title: 'Key works, but is rate limited right now', tone: 'warn' };
    case 'inconclusive':
      return { title: 'Could not check the key', tone: 'warn' };
    case 'wrong_endpoint':
      return { title: 'Wrong Anthropic URL or a proxy in the way', tone: 'bad' };
    default:
      return assertNever(verdict, 'key verdict');
  }
}

/** The request-id, selectable and copyable (support asks for it). */
function RequestId({ requestId }: { requestId: string | null }) {
  const [copied, setCopied] = useState(false);
  if (requestId === null)
    return (
      <p className="muted" data-testid="verdict-request-id">
        No request-id: no answer came from the server.
      </p>
    );
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(requestId);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <p className="row">
      <span className="muted">request-id</span>
      <code className="mono" data-testid="verdict-request-id">
        {requestId}
      </code>
      <button type="button" className="small" onClick={copy} aria-label="Copy the request-id">
        {copied ? 'Copied' : 'Copy'}
      </button>
    </p>
  );
}

/** What one key check found, with the next step, the request-id and the verdict's own extras. */
export function VerdictCard({
  verdict,
  fingerprint,
  anthropicBaseUrl,
  onRetry,
}: {
  verdict: KeyVerdict;
  fingerprint: string;
  anthropicBaseUrl: string;
  onRetry?: () => void;
}) {
  const navigate = useAppStore((s) => s.navigate);
  const { title, tone } = verdictHeadline(verdict);
  return (
    <div className={`verdict-card tone-${tone}`} data-testid="key-verdict" data-verdict={verdict.verdict} role="status">
      <h3>{title}</h3>
      <p className="muted">
        <span className="mono">{fingerprint}</span> · checked {new Date(verdict.checkedAt).toLocaleTimeString()}
        {verdict.httpStatus !== null && <> · HTTP {verdict.httpStatus}</>}
      </p>
      <p>{verdict.message}</p>
      {verdict.verdict === 'missing_scope' && (
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
      )}
      {verdict.verdict === 'rate_limited' && (
        <p data-testid="verdict-retry-after">
          {verdict.retryAfterSec === null
            ? 'Anthropic did not say when to retry: wait a minute.'
            : `Retry after ${verdict.retryAfterSec} s.`}
        </p>
      )}
      {verdict.verdict === 'wrong_endpoint' && (
        <div data-testid="verdict-endpoint">
          <p>
            Anthropic base URL of this profile: <code className="mono">{anthropicBaseUrl}</code>
            {verdict.location !== null && (
              <>
                {' '}
                (it redirected to <code className="mono">{verdict.location}</code>)
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
      )}
      <p>
        <strong>Next:</strong> {verdict.nextStep}
      </p>
      {verdict.serverMessage !== null && (
        <p className="muted">
          Anthropic said: <q>{verdict.serverMessage}</q>
        </p>
      )}
      <RequestId requestId={verdict.requestId} />
      {verdict.verdict === 'inconclusive' && onRetry && (
        <button type="button" onClick={onRetry} data-testid="verdict-retry">
          Retry
        </button>
      )}
    </div>
  );
}

import { useState } from 'react';
import type { KeyVerdict } from '../../../src-shared/domain/key-verdict';
import { assertNever } from '../../../src-shared/errors';
import { VerdictExtras } from './VerdictExtras';
import { formatClock } from '../sources/LocalTime';

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
export function RequestId({ requestId }: { requestId: string | null }) {
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
  refused = false,
}: {
  verdict: KeyVerdict;
  fingerprint: string;
  anthropicBaseUrl: string;
  onRetry?: () => void;
  /** LangWatch refused the entry this key belongs to: a working key is then no all-clear. */
  refused?: boolean;
}) {
  const headline = verdictHeadline(verdict);
  // A key that works says nothing about why LangWatch refused the entry: never green there.
  const okButRefused = refused && headline.tone === 'ok';
  const tone = okButRefused ? 'neutral' : headline.tone;
  const title = headline.title;
  const nextStep = okButRefused
    ? 'The key is not the problem: LangWatch refused the entry for the reason shown above. Fix that, then retry.'
    : verdict.nextStep;
  return (
    <div className={`verdict-card tone-${tone}`} data-testid="key-verdict" data-verdict={verdict.verdict} role="status">
      <h3>{title}</h3>
      <p className="muted">
        <span className="mono">{fingerprint}</span> · checked {formatClock(new Date(verdict.checkedAt))}
        {verdict.httpStatus !== null && <> · HTTP {verdict.httpStatus}</>}
      </p>
      <p>{verdict.message}</p>
      <VerdictExtras verdict={verdict} anthropicBaseUrl={anthropicBaseUrl} />
      <p>
        <strong>Next:</strong> {nextStep}
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

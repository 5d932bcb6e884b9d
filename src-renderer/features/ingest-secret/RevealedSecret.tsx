import { useMemo } from 'react';
import { ROTATION_GRACE_HOURS, type RevealedIngestSecret } from '../../../src-shared/domain/ingest-secret';
import { ingestEndpoint, ingestSnippets } from '../../../src-shared/domain/ingest-snippets';
import { CopyButton } from './CopyButton';

/** The revealed value, where to send with it, and a ready-to-paste snippet per push type. */
export function RevealedSecret({ revealed }: { revealed: RevealedIngestSecret }) {
  const endpoint = ingestEndpoint(revealed.sourceType, revealed.deploymentUrl, revealed.sourceId);
  // Built once per reveal: the test event's timestamp is the moment the panel opened.
  const snippets = useMemo(() => ingestSnippets({ ...revealed, nowMs: Date.now() }), [revealed]);
  return (
    <div className="revealed-secret" data-testid="revealed-secret">
      <h3>Ingest secret (bearer token)</h3>
      <div className="row">
        <code className="secret-value grow" data-testid="ingest-secret-value">
          {revealed.secret}
        </code>
        <CopyButton text={revealed.secret} label="Copy secret" testId="copy-ingest-secret" />
      </div>
      {endpoint && (
        <>
          <h3>
            {endpoint.kind === 'otlp'
              ? 'OTLP endpoint (paste into the exporter)'
              : 'Webhook URL (paste into the recipe)'}
          </h3>
          <div className="row">
            <code className="grow" data-testid="ingest-endpoint">
              {endpoint.url}
            </code>
            <CopyButton text={endpoint.url} label="Copy endpoint" testId="copy-ingest-endpoint" />
          </div>
        </>
      )}
      {snippets.map((s) => (
        <section key={s.id} aria-label={s.title}>
          <h3>{s.title}</h3>
          <pre className="snippet" data-testid={`snippet-${s.id}`} tabIndex={0}>
            {s.text}
          </pre>
          <CopyButton text={s.text} label="Copy snippet" testId={`copy-snippet-${s.id}`} />
        </section>
      ))}
      <p className="grace-note">
        {revealed.origin === 'rotated'
          ? `This is a rotated secret: LangWatch accepts the previous one for ${ROTATION_GRACE_HOURS} hours more, time to roll the new one out to every sender.`
          : 'LangWatch keeps only a hash of it: it can never be shown again. A lost secret is replaced by rotating it on the source’s page.'}
      </p>
    </div>
  );
}

/**
 * The one IPC answer that carries a secret on purpose: `ingestSecrets.reveal`'s `secret` field
 * passes the dispatcher as is, while every other field of that answer, and every other
 * channel's answer, still loses any known or token-shaped secret.
 */
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import type { SenderInfo } from '../../../src-main/ipc/sender-guard';
import { knownSecrets } from '../../../src-main/services/logging/known-secrets';
import { createMemoryLogger } from '../../../src-main/services/logging/test-loggers';
import { SECRET } from './helpers';

const OUR_URL = 'http://127.0.0.1:4000/';
const ours: SenderInfo = { frameUrl: `${OUR_URL}index.html`, isMainFrame: true, windowId: 1 };
const policy = { trustedUrls: [OUR_URL], isOurWindow: (id: unknown) => id === 1 };

const answer = (name: string) => ({
  sourceId: 'src_push',
  sourceType: 'otel_generic',
  sourceName: name,
  origin: 'created' as const,
  deploymentUrl: 'https://lw.example.test',
  secret: SECRET,
});

describe('the reveal answer', () => {
  it('lets the revealed field through, and only it; a known secret elsewhere in the answer is redacted', async () => {
    knownSecrets.remember(SECRET);
    try {
      const dispatcher = createDispatcher({
        handlers: { 'ingestSecrets.reveal': async () => answer(`name ${SECRET}`) } as never,
        senderPolicy: policy,
        log: createMemoryLogger(),
      });
      const result = await dispatcher.dispatch('ingestSecrets.reveal', { sourceId: 'src_push' }, ours);
      expect(result).toMatchObject({ ok: true, value: { secret: SECRET, sourceName: 'name [REDACTED]' } });
    } finally {
      knownSecrets.forget(SECRET);
    }
  });

  it('any other channel answering the same value still loses it (by hash once forgotten, and by shape)', async () => {
    const dispatcher = createDispatcher({
      handlers: {
        'ingestSecrets.list': async () => [
          {
            ...answer(SECRET),
            receivedAt: new Date(0).toISOString(),
            expiresAt: new Date(0).toISOString(),
            organizationId: 'o',
          },
        ],
      } as never,
      senderPolicy: policy,
      log: createMemoryLogger(),
    });
    const result = await dispatcher.dispatch('ingestSecrets.list', {}, ours);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});

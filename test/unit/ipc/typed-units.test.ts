import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import type { SenderInfo } from '../../../src-main/ipc/sender-guard';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import { channel } from '../../../src-shared/ipc/define';

// A secret unit typed in the renderer (outbox.stageSource and its kin) is live while its call
// runs: a server that echoes any of its values, in any encoding, is redacted by value.
const CLIENT_SECRET = 'dose+Unit/Typed=Secret~4f6a8c';
const TOKEN = 'unit-typed-token-7e5d3c1b9a';

const contract = {
  'test.stageSource': channel({
    summary: 'test',
    input: z.object({ name: z.string(), secrets: z.record(z.string(), z.string()) }).strict(),
    output: z.object({ echoed: z.string() }).strict(),
  }),
};
const OUR_URL = 'http://127.0.0.1:4000/';
const ours: SenderInfo = { frameUrl: `${OUR_URL}index.html`, isMainFrame: true, windowId: 1 };

describe('typed secret units', () => {
  it('every value of `secrets` is redacted from the answer, as is and percent-encoded', async () => {
    const dispatcher = createDispatcher({
      contract,
      handlers: {
        'test.stageSource': async ({ secrets }: { secrets: Record<string, string> }) => ({
          echoed: `server said ${secrets.clientSecret} / ${encodeURIComponent(secrets.clientSecret!)} / ${secrets.token}`,
        }),
      } as never,
      senderPolicy: { trustedUrls: [OUR_URL], isOurWindow: (id) => id === 1 },
      log: createMemoryLogger(),
    });
    const answer = await dispatcher.dispatch(
      'test.stageSource',
      { name: 'Genie', secrets: { clientSecret: CLIENT_SECRET, token: TOKEN } },
      ours,
    );
    const text = JSON.stringify(answer);
    for (const value of [CLIENT_SECRET, encodeURIComponent(CLIENT_SECRET), TOKEN]) expect(text).not.toContain(value);
    expect(text).toContain('[REDACTED]');
  });
});

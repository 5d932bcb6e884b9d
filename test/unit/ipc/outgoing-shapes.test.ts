/**
 * Shape-based redaction of what leaves main as data (issue 19): a key, token or sealed value
 * nobody registered (another console's key, one from before this run) is still taken out of
 * successful IPC answers and events by its shape, while fingerprints, ids and prose stay.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import { createEventBus } from '../../../src-main/services/events/event-bus';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import { channel } from '../../../src-shared/ipc/define';

const b64 = (n: number) => randomBytes(n).toString('base64url');
const SECRETS = [
  `sk-ant-api01-${b64(64)}AA`,
  `sk-ant-admin01-${b64(64)}AA`,
  `lw_at_${b64(24)}`,
  `eyJ${b64(12)}.${b64(40)}.${b64(32)}`,
  `enc:v1:${b64(48)}`,
];
const KEPT = [
  'sk-ant-api01-…a1b2',
  'sk-ant-admin01-…Zz9_',
  'src_cm4x8k2p90000abcdefghijkl',
  'Create a Compliance Access Key (sk-ant-api01-…) in claude.ai',
  '2026-12-06T05:06:08.000Z',
];

const contract = {
  'test.source': channel({
    summary: 'test',
    input: z.object({}).strict(),
    output: z.object({ description: z.string(), kept: z.array(z.string()) }),
  }),
};

describe('successful answers and events lose anything shaped like a secret', () => {
  it('an IPC answer: every secret shape goes, fingerprints and ids stay', async () => {
    const dispatcher = createDispatcher({
      handlers: { 'test.source': async () => ({ description: `server says ${SECRETS.join(' and ')}`, kept: KEPT }) },
      senderPolicy: { trustedUrls: ['http://r.test/'], isOurWindow: () => true },
      log: createMemoryLogger(),
      contract,
    } as never);
    const answer = await dispatcher.dispatch(
      'test.source',
      {},
      { frameUrl: 'http://r.test/', isMainFrame: true, windowId: 1 },
    );
    const text = JSON.stringify(answer);
    for (const secret of SECRETS) expect(text).not.toContain(secret.slice(-20));
    expect(answer).toMatchObject({ ok: true, value: { kept: KEPT } });
    expect(text).toContain('sk-ant-api01-[REDACTED]');
  });

  it('an event: the same', () => {
    const bus = createEventBus(createMemoryLogger());
    const heard: string[] = [];
    bus.addSink((_name, payload) => heard.push(JSON.stringify(payload)));
    for (const secret of SECRETS) bus.emit('app.notice', { level: 'warning', message: `server says ${secret}` });
    bus.emit('app.notice', { level: 'info', message: KEPT.join(' ') });
    expect(heard).toHaveLength(SECRETS.length + 1);
    for (const secret of SECRETS) expect(heard.join()).not.toContain(secret.slice(-20));
    for (const kept of KEPT) expect(heard.join()).toContain(kept);
  });
});

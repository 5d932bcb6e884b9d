import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { channel } from '../../../src-shared/ipc/define';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import type { SenderInfo } from '../../../src-main/ipc/sender-guard';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';

// A small contract with realistic field types, so malformed payloads have something to break.
const contract = {
  'test.stage': channel({
    summary: 'test',
    input: z
      .object({
        name: z.string().min(1).max(128),
        pollEverySec: z.number().int().positive().max(604_800),
        tags: z.array(z.string().max(32)).max(10),
        enabled: z.boolean(),
        description: z.string().max(2000).optional(),
      })
      .strict(),
    output: z.object({ stagedId: z.string() }).strict(),
  }),
  'test.crash': channel({ summary: 'test', input: z.object({}).strict(), output: z.object({}) }),
  'test.expected': channel({ summary: 'test', input: z.object({}).strict(), output: z.object({}) }),
  'test.badOutput': channel({ summary: 'test', input: z.object({}).strict(), output: z.object({ n: z.number() }) }),
};

const OUR_URL = 'http://127.0.0.1:4000/';
const ours: SenderInfo = { frameUrl: `${OUR_URL}index.html`, isMainFrame: true, windowId: 1 };
const valid = { name: 'Acme compliance', pollEverySec: 300, tags: ['a'], enabled: true };

function setup() {
  const log = createMemoryLogger();
  const stage = vi.fn(async () => ({ stagedId: 'stg_1' }));
  const handlers = {
    'test.stage': stage,
    'test.crash': async () => {
      throw new TypeError('cannot read properties of undefined (sk-ant-api01-shouldnotleak)');
    },
    'test.expected': async () => {
      throw new AppError('langwatch.cap_reached', 'This organisation already has 3 sources.', { max: 3 });
    },
    'test.badOutput': async () => ({ n: 'not a number' }),
  };
  const dispatcher = createDispatcher({
    contract,
    handlers: handlers as never,
    senderPolicy: { trustedUrls: [OUR_URL], isOurWindow: (id) => id === 1 },
    log,
  });
  return { dispatcher, stage, log };
}

describe('dispatcher guard', () => {
  it('runs a valid call and returns the parsed output', async () => {
    const { dispatcher, stage } = setup();
    await expect(dispatcher.dispatch('test.stage', valid, ours)).resolves.toEqual({
      ok: true,
      value: { stagedId: 'stg_1' },
    });
    expect(stage).toHaveBeenCalledWith(valid, { sender: ours });
  });

  it.each([
    ['an unknown channel', 'test.nope'],
    ['a prototype key as channel', '__proto__'],
    ['toString inherited from Object', 'toString'],
    ['a number', 42],
    ['null', null],
  ])('rejects %s with ipc.unknown_channel', async (_label, name) => {
    const { dispatcher, stage } = setup();
    const result = await dispatcher.dispatch(name, valid, ours);
    expect(result).toMatchObject({ ok: false, error: { code: 'ipc.unknown_channel' } });
    expect(stage).not.toHaveBeenCalled();
  });

  it.each<[string, SenderInfo]>([
    ['a sub-frame of our page', { ...ours, isMainFrame: false }],
    ['another window', { ...ours, windowId: 2 }],
    ['another origin', { ...ours, frameUrl: 'https://evil.example/index.html' }],
    ['another port on loopback', { ...ours, frameUrl: 'http://127.0.0.1:4001/' }],
    ['an unparsable URL', { ...ours, frameUrl: 'not a url' }],
    ['a data: URL', { ...ours, frameUrl: 'data:text/html,<script>1</script>' }],
  ])('rejects %s with ipc.forbidden_sender', async (_label, sender) => {
    const { dispatcher, stage } = setup();
    const result = await dispatcher.dispatch('test.stage', valid, sender);
    expect(result).toMatchObject({ ok: false, error: { code: 'ipc.forbidden_sender' } });
    expect(stage).not.toHaveBeenCalled();
  });

  const hugeArray = Array.from({ length: 50_000 }, () => 'x');
  const deep = JSON.parse('['.repeat(40) + ']'.repeat(40));
  const protoPayload = JSON.parse(
    '{"name":"a","pollEverySec":300,"tags":[],"enabled":true,"__proto__":{"admin":true}}',
  );
  const malformed: Array<[string, unknown]> = [
    ['undefined', undefined],
    ['null', null],
    ['a string', 'name=Acme'],
    ['a number', 7],
    ['an array', [valid]],
    ['an empty object', {}],
    ['an extra key', { ...valid, isAdmin: true }],
    ['name of wrong type', { ...valid, name: 5 }],
    ['empty name', { ...valid, name: '' }],
    ['oversize name', { ...valid, name: 'n'.repeat(129) }],
    ['a 100 kB string', { ...valid, description: 'd'.repeat(100_000) }],
    ['NaN cadence', { ...valid, pollEverySec: Number.NaN }],
    ['Infinity cadence', { ...valid, pollEverySec: Number.POSITIVE_INFINITY }],
    ['negative cadence', { ...valid, pollEverySec: -300 }],
    ['fractional cadence', { ...valid, pollEverySec: 300.5 }],
    ['cadence as string', { ...valid, pollEverySec: '300' }],
    ['boolean as string', { ...valid, enabled: 'true' }],
    ['tags not an array', { ...valid, tags: 'a,b' }],
    ['too many tags', { ...valid, tags: Array.from({ length: 11 }, () => 't') }],
    ['a huge array', { ...valid, tags: hugeArray }],
    ['deep nesting', { ...valid, tags: deep }],
    ['__proto__ key', protoPayload],
    [
      'constructor key',
      JSON.parse('{"name":"a","pollEverySec":300,"tags":[],"enabled":true,"constructor":{"prototype":{}}}'),
    ],
    ['a Date instead of a number', { ...valid, pollEverySec: new Date() }],
    ['a class instance', Object.assign(new (class Sneaky {})(), valid)],
    ['a function', { ...valid, name: () => 'x' }],
    ['a bigint', { ...valid, pollEverySec: 300n }],
    ['a symbol key', { ...valid, [Symbol('s')]: 1 }],
  ];

  it(`rejects ${malformed.length} malformed payloads with ipc.invalid_input and never calls the handler`, async () => {
    expect(malformed.length).toBeGreaterThanOrEqual(20);
    const { dispatcher, stage } = setup();
    for (const [label, payload] of malformed) {
      const result = await dispatcher.dispatch('test.stage', payload, ours);
      expect(result, label).toMatchObject({ ok: false, error: { code: 'ipc.invalid_input' } });
    }
    expect(stage).not.toHaveBeenCalled();
  });

  it('answers a huge payload quickly (pre-check before zod)', async () => {
    const { dispatcher } = setup();
    const payload = { ...valid, tags: Array.from({ length: 1_000_000 }, () => 0) };
    const started = performance.now();
    const result = await dispatcher.dispatch('test.stage', payload, ours);
    expect(performance.now() - started).toBeLessThan(50);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'ipc.invalid_input', message: expect.stringContaining('more than') },
    });
  });

  it('turns an expected AppError into data with its stable code and details', async () => {
    const { dispatcher } = setup();
    await expect(dispatcher.dispatch('test.expected', {}, ours)).resolves.toEqual({
      ok: false,
      error: {
        code: 'langwatch.cap_reached',
        message: 'This organisation already has 3 sources.',
        details: { max: 3 },
      },
    });
  });

  it('turns a crash into `internal` without echoing its message, and logs it redacted', async () => {
    const { dispatcher, log } = setup();
    const result = await dispatcher.dispatch('test.crash', {}, ours);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('sk-ant-api01-shouldnotleak');
    expect(JSON.stringify(log.entries)).not.toContain('sk-ant-api01-shouldnotleak');
    expect(log.entries.some((e) => e.msg === 'ipc handler crashed')).toBe(true);
  });

  it('refuses to pass on an output that breaks its schema', async () => {
    const { dispatcher } = setup();
    await expect(dispatcher.dispatch('test.badOutput', {}, ours)).resolves.toMatchObject({
      ok: false,
      error: { code: 'ipc.invalid_output' },
    });
  });
});

/**
 * Bad input over IPC: malformed payloads, generated per channel of the REAL contract (wrong
 * types per field, extra keys, oversize strings, prototype keys, NaN, huge arrays, null,
 * arrays for objects, deep nesting), go through the real dispatcher and handler table over
 * real services. Each must answer `ipc.invalid_input`, and no handler may run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createDispatcher, type Dispatcher } from '../../src-main/ipc/dispatcher';
import type { HandlerTable } from '../../src-main/ipc/handler-types';
import { createHandlerTable } from '../../src-main/ipc/handlers';
import { createServices, type Services } from '../../src-main/services/create-services';
import { IPC_CONTRACT } from '../../src-shared/ipc/contract';

const SENDER = { frameUrl: 'http://renderer.test/index.html', isMainFrame: true, windowId: 'w' };

type Def = { type: string; shape?: Record<string, z.ZodType>; options?: z.ZodType[]; innerType?: z.ZodType };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

/** The object shapes a channel's input accepts (a discriminated union has several). */
function shapesOf(schema: z.ZodType): Array<Record<string, z.ZodType>> {
  const def = defOf(schema);
  if (def.type === 'object' && def.shape) return [def.shape];
  if (def.type === 'union' && def.options) return def.options.flatMap(shapesOf);
  if ((def.type === 'pipe' || def.type === 'optional') && def.innerType) return shapesOf(def.innerType);
  return [];
}

/** The core type of a field (optional/nullable/default unwrapped). */
function coreType(schema: z.ZodType): string {
  let def = defOf(schema);
  while (['optional', 'nullable', 'default', 'readonly'].includes(def.type) && def.innerType)
    def = defOf(def.innerType);
  return def.type;
}

/** A value of the wrong type for a field of this core type. */
function wrongValue(type: string): unknown {
  switch (type) {
    case 'string':
    case 'enum':
    case 'literal':
      return 12345;
    case 'number':
      return '42';
    case 'boolean':
      return 'true';
    case 'array':
      return { 0: 'x' };
    case 'object':
    case 'record':
      return ['not', 'an', 'object'];
    default:
      return { unexpected: [1, 2, 3] };
  }
}

function deep(levels: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

interface Case {
  channel: string;
  label: string;
  payload: unknown;
}

/** Generated malformed payloads for one channel. */
function casesFor(channel: string, schema: z.ZodType): Case[] {
  const cases: Case[] = [
    { channel, label: 'null', payload: null },
    { channel, label: 'an array for the object', payload: [{}] },
    { channel, label: 'a string for the object', payload: 'outbox' },
    { channel, label: 'an unknown extra key', payload: { unexpectedExtraKey: true } },
    { channel, label: 'a __proto__ key', payload: JSON.parse('{"__proto__":{"polluted":true}}') },
    { channel, label: 'a constructor key', payload: { constructor: { prototype: { polluted: true } } } },
    { channel, label: 'NaN', payload: { value: Number.NaN } },
    { channel, label: 'Infinity', payload: { value: Number.POSITIVE_INFINITY } },
    { channel, label: 'a 100,000-item array', payload: { items: new Array(100_000).fill(0) } },
    { channel, label: 'a 100 kB string', payload: { text: 'x'.repeat(100_000) } },
    { channel, label: 'nesting 40 levels deep', payload: deep(40) },
    { channel, label: 'a class instance', payload: new Date() },
  ];
  for (const shape of shapesOf(schema)) {
    const discriminator = Object.entries(shape).find(([, f]) => coreType(f) === 'literal');
    const base = discriminator
      ? { [discriminator[0]]: (defOf(discriminator[1]) as unknown as { values: unknown[] }).values[0] }
      : {};
    for (const [field, fieldSchema] of Object.entries(shape)) {
      const type = coreType(fieldSchema);
      cases.push({ channel, label: `${field}: wrong type (${type})`, payload: { ...base, [field]: wrongValue(type) } });
      if (type === 'string')
        cases.push({ channel, label: `${field}: a 70 kB string`, payload: { ...base, [field]: 'k'.repeat(70_000) } });
    }
  }
  return cases;
}

const CASES: Case[] = Object.entries(IPC_CONTRACT).flatMap(([channel, spec]) =>
  casesFor(channel, spec.input as z.ZodType),
);

let dir: string;
let services: Services;
let dispatcher: Dispatcher;
const handlerRuns: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lw-ipc-malformed-'));
  services = await createServices({
    config: {
      mode: 'test',
      userDataDir: dir,
      secretBackend: 'memory',
      defaultLangwatchUrl: 'http://127.0.0.1:9/',
      defaultAnthropicUrl: 'http://127.0.0.1:9/',
    },
    version: '0.0.0-test',
  });
  const real = createHandlerTable(services) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  // Every real handler, wrapped so the test sees whether it ran.
  const spied = Object.fromEntries(
    Object.entries(real).map(([name, fn]) => [
      name,
      (...args: unknown[]) => {
        handlerRuns.push(name);
        return fn(...args);
      },
    ]),
  );
  dispatcher = createDispatcher({
    handlers: spied as unknown as HandlerTable,
    senderPolicy: { trustedUrls: [SENDER.frameUrl], isOurWindow: (id) => id === 'w' },
    log: services.log.child('ipc'),
  });
});
afterAll(async () => {
  await services?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('malformed IPC payloads against the real contract', () => {
  it('generates at least 40 cases, covering every channel', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.channel))).toEqual(new Set(Object.keys(IPC_CONTRACT)));
  });

  it(`answers ipc.invalid_input to all of them, quickly, and never runs a handler`, async () => {
    const wrong: string[] = [];
    for (const c of CASES) {
      const started = performance.now();
      const result = await dispatcher.dispatch(c.channel, c.payload, SENDER);
      const ms = performance.now() - started;
      if (result.ok || result.error.code !== 'ipc.invalid_input')
        wrong.push(`${c.channel} ${c.label}: ${JSON.stringify(result).slice(0, 200)}`);
      else if (!result.error.message || result.error.message.length > 2000)
        wrong.push(`${c.channel} ${c.label}: unclear message`);
      if (ms > 250) wrong.push(`${c.channel} ${c.label}: took ${ms.toFixed(0)} ms`);
    }
    expect(wrong).toEqual([]);
    expect(handlerRuns).toEqual([]);
    console.log(
      `ipc-malformed: ${CASES.length} payloads over ${Object.keys(IPC_CONTRACT).length} channels, all ipc.invalid_input`,
    );
  });

  it('still serves a valid call afterwards (nothing crashed)', async () => {
    await expect(dispatcher.dispatch('settings.get', {}, SENDER)).resolves.toMatchObject({ ok: true });
    expect(handlerRuns).toEqual(['settings.get']);
  });
});

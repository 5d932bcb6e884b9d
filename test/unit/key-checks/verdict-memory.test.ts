import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyVerdict } from '../../../src-shared/domain/key-verdict';
import type { Clock } from '../../../src-main/services/clock';
import { createNullLogger } from '../../../src-main/services/logging/logger';
import { createFakeClock } from '../../support/fake-clock';
import {
  createVerdictMemory,
  KEY_VERDICTS_FILE_NAME,
  type VerdictToRecord,
} from '../../../src-main/services/key-checks';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function verdict(kind: 'valid' | 'invalid_key', requestId: string): KeyVerdict {
  const common = {
    httpStatus: kind === 'valid' ? 200 : 401,
    requestId,
    checkedAt: '2026-11-28T12:00:00.000Z',
    message: 'm',
    nextStep: 'n',
    attempts: 1,
    errorType: kind === 'valid' ? null : 'authentication_error',
    serverMessage: null,
  };
  return kind === 'valid' ? { verdict: 'valid', ...common, rateLimit: null } : { verdict: 'invalid_key', ...common };
}

function entry(over: Partial<VerdictToRecord>): VerdictToRecord {
  return {
    verdict: verdict('valid', 'req_1'),
    fingerprint: 'sk-ant-api01-…a1b2',
    stagedId: null,
    sourceId: null,
    profileId: 'p1',
    anthropicBaseUrl: 'https://api.anthropic.com',
    ...over,
  };
}

async function open(options: { clock?: Clock; maxPerMap?: number; dir?: string } = {}) {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'verdicts-'));
  if (!options.dir) dirs.push(dir);
  const memory = createVerdictMemory({
    userDataDir: dir,
    log: createNullLogger(),
    clock: options.clock ?? createFakeClock(),
    maxPerMap: options.maxPerMap,
  });
  await memory.load();
  return { memory, dir };
}

describe('verdict memory', () => {
  it('starts empty and answers null', async () => {
    const { memory } = await open();
    expect(memory.all()).toEqual({ byStagedId: {}, bySourceId: {} });
    expect(memory.lastFor({ sourceId: 'src_1', stagedId: 'stg_1' })).toBeNull();
    expect(memory.lastFor({})).toBeNull();
  });

  it('files a verdict under its staged id and its source id, with the time it was recorded', async () => {
    const clock = createFakeClock();
    const { memory } = await open({ clock });
    const recorded = await memory.record(entry({ stagedId: 'stg_1', sourceId: 'src_1' }));
    expect(recorded.recordedAt).toBe('2026-11-28T12:00:00.000Z');
    expect(memory.lastFor({ stagedId: 'stg_1' })).toEqual(recorded);
    expect(memory.lastFor({ sourceId: 'src_1' })).toEqual(recorded);
    expect(memory.lastFor({ sourceId: 'src_other' })).toBeNull();
  });

  it('keeps the most recent verdict per id, and lastFor picks the newer of source and staged', async () => {
    const clock = createFakeClock();
    const { memory } = await open({ clock });
    await memory.record(entry({ sourceId: 'src_1', verdict: verdict('valid', 'req_old') }));
    await clock.advance(1000);
    await memory.record(entry({ stagedId: 'stg_9', verdict: verdict('invalid_key', 'req_new') }));
    expect(memory.lastFor({ sourceId: 'src_1', stagedId: 'stg_9' })?.verdict.requestId).toBe('req_new');
    await clock.advance(1000);
    await memory.record(entry({ sourceId: 'src_1', verdict: verdict('invalid_key', 'req_newest') }));
    expect(memory.lastFor({ sourceId: 'src_1', stagedId: 'stg_9' })?.verdict.requestId).toBe('req_newest');
    expect(memory.lastFor({ sourceId: 'src_1' })?.verdict.verdict).toBe('invalid_key');
  });

  it('a verdict about neither a staged entry nor a source is not remembered (nor written)', async () => {
    const { memory, dir } = await open();
    await memory.record(entry({}));
    expect(memory.all()).toEqual({ byStagedId: {}, bySourceId: {} });
    expect(readdirSync(dir)).not.toContain(KEY_VERDICTS_FILE_NAME);
  });

  it('survives a restart through key-verdicts.json', async () => {
    const clock = createFakeClock();
    const { memory, dir } = await open({ clock });
    await memory.record(entry({ stagedId: 'stg_1', sourceId: 'src_1', verdict: verdict('invalid_key', 'req_keep') }));
    const again = await open({ clock, dir });
    expect(again.memory.lastFor({ sourceId: 'src_1' })?.verdict.requestId).toBe('req_keep');
    expect(again.memory.all()).toEqual(memory.all());
    const text = readFileSync(join(dir, KEY_VERDICTS_FILE_NAME), 'utf8');
    expect(JSON.parse(text)).toMatchObject({
      version: 1,
      byStagedId: { stg_1: { fingerprint: 'sk-ant-api01-…a1b2' } },
    });
  });

  it('linkSource files a staged verdict under the source it became', async () => {
    const clock = createFakeClock();
    const { memory } = await open({ clock });
    expect(await memory.linkSource('stg_none', 'src_x')).toBeNull();
    await memory.record(entry({ stagedId: 'stg_1', verdict: verdict('invalid_key', 'req_a') }));
    const linked = await memory.linkSource('stg_1', 'src_new');
    expect(linked?.sourceId).toBe('src_new');
    expect(memory.lastFor({ sourceId: 'src_new' })?.verdict.requestId).toBe('req_a');
    expect(memory.lastFor({ stagedId: 'stg_1' })?.sourceId).toBe('src_new');
  });

  it('linkSource does not replace a newer verdict already filed for the source', async () => {
    const clock = createFakeClock();
    const { memory } = await open({ clock });
    await memory.record(entry({ stagedId: 'stg_1', verdict: verdict('invalid_key', 'req_old') }));
    await clock.advance(5000);
    await memory.record(entry({ sourceId: 'src_1', verdict: verdict('valid', 'req_newer') }));
    await memory.linkSource('stg_1', 'src_1');
    expect(memory.lastFor({ sourceId: 'src_1' })?.verdict.requestId).toBe('req_newer');
  });

  it('keeps at most maxPerMap entries, dropping the oldest, also after a reload', async () => {
    const clock = createFakeClock();
    const { memory, dir } = await open({ clock, maxPerMap: 3 });
    for (const id of ['a', 'b', 'c', 'd']) {
      await clock.advance(1000);
      await memory.record(entry({ stagedId: id }));
    }
    expect(Object.keys(memory.all().byStagedId).sort()).toEqual(['b', 'c', 'd']);
    // Re-checking "b" makes it the newest: "c" goes next.
    await clock.advance(1000);
    await memory.record(entry({ stagedId: 'b' }));
    await clock.advance(1000);
    await memory.record(entry({ stagedId: 'e' }));
    expect(Object.keys(memory.all().byStagedId).sort()).toEqual(['b', 'd', 'e']);
    const again = await open({ clock, dir, maxPerMap: 3 });
    await clock.advance(1000);
    await again.memory.record(entry({ stagedId: 'f' }));
    expect(Object.keys(again.memory.all().byStagedId).sort()).toEqual(['b', 'e', 'f']);
  });

  it('a damaged file is moved aside and the memory starts empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdicts-'));
    dirs.push(dir);
    writeFileSync(join(dir, KEY_VERDICTS_FILE_NAME), '{ not json');
    const { memory } = await open({ dir });
    expect(memory.all()).toEqual({ byStagedId: {}, bySourceId: {} });
    expect(readdirSync(dir).some((f) => f.startsWith(`${KEY_VERDICTS_FILE_NAME}.corrupt-`))).toBe(true);
  });
});

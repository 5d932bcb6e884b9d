import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import type { Clock } from '../../../src-main/services/clock';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import { createJsonFile } from '../../../src-main/services/storage/json-file';

const settingsSchema = z.object({
  version: z.literal(1),
  count: z.number().int().nonnegative(),
  profiles: z.array(z.object({ id: z.string(), url: z.string().url() })),
  theme: z.enum(['light', 'dark']).default('light'),
});
type Settings = z.infer<typeof settingsSchema>;
const defaults: Settings = { version: 1, count: 0, profiles: [], theme: 'light' };
const clock: Clock = {
  now: () => Date.UTC(2025, 0, 2, 3, 4, 5, 6),
  setTimeout: () => 0,
  clearTimeout: () => undefined,
};

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'lw-json-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const make = (
  path = join(root, 'data', 'settings.json'),
  extra: Partial<Parameters<typeof createJsonFile<Settings>>[0]> = {},
) => createJsonFile<Settings>({ path, schema: settingsSchema, defaults, clock, ...extra });

describe('createJsonFile', () => {
  it('reads defaults when missing, as a fresh copy each time', async () => {
    const file = make();
    const a = await file.read();
    a.profiles.push({ id: 'p', url: 'https://x.example' });
    expect(await file.read()).toEqual(defaults);
    expect(defaults.profiles).toEqual([]);
  });

  it('writes atomically with 0600 file and 0700 created directories, and reads back', async () => {
    const path = join(root, 'nested', 'deeper', 'settings.json');
    const file = make(path);
    const value: Settings = {
      version: 1,
      count: 2,
      profiles: [{ id: 'p1', url: 'https://lw.example' }],
      theme: 'dark',
    };
    await file.write(value);
    expect(await file.read()).toEqual(value);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(value);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(root, 'nested'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(root, 'nested', 'deeper'))).mode & 0o777).toBe(0o700);
    expect(await readdir(join(root, 'nested', 'deeper'))).toEqual(['settings.json']);
  });

  it('applies schema defaults on read', async () => {
    const path = join(root, 'settings.json');
    await writeFile(path, JSON.stringify({ version: 1, count: 1, profiles: [] }));
    expect(await make(path).read()).toEqual({ version: 1, count: 1, profiles: [], theme: 'light' });
  });

  it('refuses to write an invalid value and keeps the old file', async () => {
    const file = make();
    await file.write({ ...defaults, count: 5 });
    const bad = { ...defaults, count: -1 } as Settings;
    const error = await file.write(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).toData()).toMatchObject({
      code: 'invalid_argument',
      details: { issues: [{ path: 'count' }] },
    });
    expect((await file.read()).count).toBe(5);
  });

  it('serialises concurrent updates: none is lost, also across instances of one path', async () => {
    const path = join(root, 'settings.json');
    const a = make(path);
    const b = make(path);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).update(async (cur) => {
          await new Promise((r) => setTimeout(r, Math.random() * 3));
          return { ...cur, count: cur.count + 1 };
        }),
      ),
    );
    expect((await a.read()).count).toBe(40);
    expect(await readdir(root)).toEqual(['settings.json']);
  });

  it('a failing update does not block the queue', async () => {
    const file = make();
    await expect(
      file.update(() => {
        throw new Error('nope');
      }),
    ).rejects.toThrow('nope');
    await expect(file.update((c) => ({ ...c, count: 1 }))).resolves.toMatchObject({ count: 1 });
  });

  it.each([
    ['invalid JSON', '{"version":1,', 'invalid_json'],
    ['an empty file', '', 'invalid_json'],
    ['a schema failure', JSON.stringify({ version: 2, count: 'x' }), 'schema'],
  ])('%s: moved aside to .corrupt-<timestamp>, storage.corrupt says where', async (_n, content, reason) => {
    const path = join(root, 'settings.json');
    await writeFile(path, content);
    const log = createMemoryLogger();
    const file = make(path, { log });
    const error = await file.read().catch((e: unknown) => e);
    const movedTo = `${path}.corrupt-2025-01-02T03-04-05.006Z`;
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).toData()).toMatchObject({ code: 'storage.corrupt', details: { path, movedTo, reason } });
    expect((error as AppError).message).toContain(movedTo);
    expect(await readFile(movedTo, 'utf8')).toBe(content);
    expect(log.text()).toContain('corrupt');
    // The damaged copy is out of the way: the next read starts from defaults.
    expect(await file.read()).toEqual(defaults);
  });

  it("onCorrupt 'reset' returns defaults and never overwrites an earlier corrupt copy", async () => {
    const path = join(root, 'settings.json');
    const file = make(path, { onCorrupt: 'reset' });
    await writeFile(path, 'first garbage');
    expect(await file.read()).toEqual(defaults);
    await writeFile(path, 'second garbage');
    expect(await file.update((c) => ({ ...c, count: c.count + 1 }))).toMatchObject({ count: 1 });
    const names = (await readdir(root)).sort();
    expect(names).toEqual([
      'settings.json',
      'settings.json.corrupt-2025-01-02T03-04-05.006Z',
      'settings.json.corrupt-2025-01-02T03-04-05.006Z-1',
    ]);
    expect(await readFile(join(root, names[1] ?? ''), 'utf8')).toBe('first garbage');
    expect(await readFile(join(root, names[2] ?? ''), 'utf8')).toBe('second garbage');
  });

  it('I/O failures become storage.io and leave no temp file behind', async () => {
    const path = join(root, 'settings.json');
    await mkdir(path); // a directory where the file should be: reads and renames fail
    const file = make(path);
    await expect(file.read()).rejects.toMatchObject({ code: 'storage.io', details: { path, errno: 'EISDIR' } });
    await expect(file.write(defaults)).rejects.toMatchObject({ code: 'storage.io' });
    expect(await readdir(root)).toEqual(['settings.json']);
  });
});

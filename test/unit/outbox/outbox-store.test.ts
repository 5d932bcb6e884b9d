/**
 * The outbox file: every write is the whole outbox as plain JSON (the same bytes as
 * `JSON.stringify`), although the store only re-serialises the records that changed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutboxStore } from '../../../src-main/services/outbox/outbox-store';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import { systemClock } from '../../../src-main/services/clock';
import { makeEntry } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open() {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-store-'));
  dirs.push(dir);
  return createOutboxStore({ userDataDir: dir, log: createMemoryLogger(), clock: systemClock });
}

describe('outbox store', () => {
  it('writes exactly JSON.stringify of every record, in order, after puts, later puts and drops', async () => {
    const store = open();
    await store.load();
    const a = makeEntry({ id: 'stg_a', name: 'A' });
    const b = makeEntry({ id: 'stg_b', name: 'B "quoted" \\ and ünïcode' });
    const c = makeEntry({ id: 'stg_c', name: 'C' });
    await store.put(a, b, c);
    store.putLater({ ...a, attempts: 3 });
    store.drop('stg_b');
    await store.put({ ...c, state: 'retrying' });
    const text = readFileSync(store.path, 'utf8');
    expect(text).toBe(`${JSON.stringify({ version: 1, entries: store.all() })}\n`);
    expect(JSON.parse(text).entries.map((e: { id: string; attempts: number }) => [e.id, e.attempts])).toEqual([
      ['stg_a', 3],
      ['stg_c', 0],
    ]);
  });

  it('a reloaded store writes the records it read, and what changed since', async () => {
    const first = open();
    await first.load();
    await first.put(makeEntry({ id: 'stg_a' }), makeEntry({ id: 'stg_b' }));
    const second = createOutboxStore({
      userDataDir: join(first.path, '..'),
      log: createMemoryLogger(),
      clock: systemClock,
    });
    await second.load();
    await second.put({ ...second.get('stg_b')!, name: 'renamed' });
    expect(readFileSync(second.path, 'utf8')).toBe(`${JSON.stringify({ version: 1, entries: second.all() })}\n`);
    expect(second.all().map((e) => [e.id, e.name])).toEqual([
      ['stg_a', 'Compliance'],
      ['stg_b', 'renamed'],
    ]);
  });
});

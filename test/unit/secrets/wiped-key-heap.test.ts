/**
 * A wiped key stays in main's memory (issue 19): after submission and wipe the registry of
 * known secrets kept the value (its `recent` list, 256 values). Now nothing of it is kept but
 * hashes. Checked where it counts: a heap snapshot of a child process that submitted and
 * wiped 301 keys, garbage collected, searched for every one of them.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const CHILD = join(__dirname, 'fixtures', 'wipe-heap-child.ts');
const COUNT = 301;
const dir = mkdtempSync(join(tmpdir(), 'lw-heap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a wiped key', () => {
  it('is nowhere in a heap snapshot of main after the wipe (301 keys, the first and the last too)', () => {
    const seed = randomBytes(16).toString('hex');
    const snapshot = join(dir, 'main.heapsnapshot');
    const run = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', TSX_LOADER, CHILD, seed, snapshot, String(COUNT)],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 90_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const heap = readFileSync(snapshot, 'utf8');
    expect(heap.length).toBeGreaterThan(100_000);
    const keys = Array.from(
      { length: COUNT },
      (_, i) => `sk-ant-api01-${createHash('sha512').update(`${seed}:${i}`).digest('base64url')}AA`,
    );
    // The secret part alone too (a string sliced off the prefix would hold it).
    const found = keys.filter((key) => heap.includes(key.slice('sk-ant-api01-'.length, -2)));
    expect(
      found.length,
      `${found.length} of ${COUNT} wiped keys still in the heap (${found.map((k) => keys.indexOf(k)).join(',')})`,
    ).toBe(0);
    expect(run.stdout).toContain('forms after wipe: 0');
  }, 120_000);
});

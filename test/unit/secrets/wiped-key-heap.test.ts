/**
 * A wiped key stays in main's memory (issue 19): after submission and wipe the registry of
 * known secrets kept the value (its `recent` list, 256 values). Now nothing of it is kept but
 * hashes. Checked where it counts: heap snapshots, garbage collected, searched for every key:
 * of a child process whose registry held and wiped 301 keys, and of one running the whole
 * services that staged 20 keys and let the outbox submit and wipe them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED, startEmulator } from '../../../emulator/index';

const ROOT = join(__dirname, '..', '..', '..');
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const CHILD = join(__dirname, 'fixtures', 'wipe-heap-child.ts');
const SERVICES_CHILD = join(ROOT, 'test', 'reliability', 'fixtures', 'wipe-heap-services-child.ts');
const keyOf = (seed: string, i: number) =>
  `sk-ant-api01-${createHash('sha512').update(`${seed}:${i}`).digest('base64url')}AA`;
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
    const keys = Array.from({ length: COUNT }, (_, i) => keyOf(seed, i));
    // The secret part alone too (a string sliced off the prefix would hold it).
    const found = keys.filter((key) => heap.includes(key.slice('sk-ant-api01-'.length, -2)));
    expect(
      found.length,
      `${found.length} of ${COUNT} wiped keys still in the heap (first: ${found
        .slice(0, 10)
        .map((k) => keys.indexOf(k))
        .join(',')})`,
    ).toBe(0);
    expect(run.stdout).toContain('forms after wipe: 0');
  }, 120_000);

  it('is nowhere in a heap snapshot of the running services after the outbox submitted and wiped it', async () => {
    const emu = await startEmulator({ pullerSchedule: false });
    try {
      const seed = randomBytes(16).toString('hex');
      const snapshot = join(dir, 'services.heapsnapshot');
      const userData = mkdtempSync(join(dir, 'user-data-'));
      const args = [seed, snapshot, '20', userData, emu.langwatchUrl, emu.anthropicUrl];
      const child = spawn(process.execPath, ['--expose-gc', '--import', TSX_LOADER, SERVICES_CHILD, ...args], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code, output).toBe(0);
      const heap = readFileSync(snapshot, 'utf8');
      const keys = Array.from({ length: 20 }, (_, i) => keyOf(seed, i));
      // They really went out: the emulator holds a source per key.
      expect(emu.control.sources(SEED.orgs.enterprise.id).filter((s) => s.name.startsWith('Heap '))).toHaveLength(20);
      const found = keys.filter((key) => heap.includes(key.slice('sk-ant-api01-'.length, -2)));
      expect(found.length, `${found.length} of 20 wiped keys still in the services' heap`).toBe(0);
    } finally {
      await emu.close();
    }
  }, 180_000);
});

/**
 * A staged key has one wipe (issue 21): `wipeStagedKey` in src-main/services/outbox/wipe.ts is
 * the only code in src-main that deletes a `staged:` account, so every wipe names its reason.
 * The scan reads the source text: a second `.delete(` of a staged account anywhere in src-main,
 * or any keychain delete in the outbox folder outside wipe.ts, fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { stagedAccount } from '../../../src-main/services/outbox/entry';
import { WIPE_REASONS, wipeStagedKey } from '../../../src-main/services/outbox/wipe';
import { createMemoryLogger } from '../../../src-main/services/logging/test-loggers';

const ROOT = join(__dirname, '..', '..', '..');
const WIPE_FILE = 'src-main/services/outbox/wipe.ts';

function mainSources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
        out.push({ file: relative(ROOT, path).split('\\').join('/'), text: readFileSync(path, 'utf8') });
    }
  };
  walk(join(ROOT, 'src-main'));
  return out;
}

/** `.delete(` calls whose argument names a staged account, one per match, as `file:line`. */
function stagedDeletes(file: string, text: string): string[] {
  const hits: string[] = [];
  const pattern = /\.delete\(\s*(stagedAccount\(|`staged:)/g;
  for (const m of text.matchAll(pattern)) hits.push(`${file}:${text.slice(0, m.index).split('\n').length}`);
  return hits;
}

describe('the one home of a staged key wipe', () => {
  const sources = mainSources();

  it('exactly one place in src-main deletes a staged account, and it is wipe.ts', () => {
    const hits = sources.flatMap(({ file, text }) => stagedDeletes(file, text));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatch(new RegExp(`^${WIPE_FILE}:`));
  });

  it('no other outbox file deletes from the keychain at all', () => {
    const outbox = sources.filter(({ file }) => file.startsWith('src-main/services/outbox/') && file !== WIPE_FILE);
    const deleting = outbox.filter(({ text }) => /secrets\s*\.\s*delete\(/.test(text)).map(({ file }) => file);
    expect(deleting).toEqual([]);
  });

  it('the scan sees a second wipe site', () => {
    const text = 'await secrets.delete(stagedAccount(id));\nawait store\n  .delete( `staged:${id}`);';
    expect(stagedDeletes('x.ts', text)).toEqual(['x.ts:1', 'x.ts:3']);
  });

  it('wipes the key and logs the reason, never the value', async () => {
    const secrets = createMemorySecretStore();
    const log = createMemoryLogger();
    const key = 'sk-ant-api01-wipe-home-test-value-0000';
    await secrets.set(stagedAccount('e1'), key);
    expect(await wipeStagedKey({ secrets, log }, 'e1', 'discarded')).toBe(true);
    expect(await secrets.get(stagedAccount('e1'))).toBeNull();
    expect(log.text()).toContain('discarded');
    expect(log.text()).not.toContain(key);
    expect(WIPE_REASONS).toContain('discarded');
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNullLogger } from '../../../src-main/services/logging/logger';
import {
  ARCHIVED_FILE_NAME,
  LEGACY_HERE_FILE,
  LEGACY_NAMES_FILE,
  createArchivedSources,
} from '../../../src-main/services/sources/archived-sources';
import { createFakeClock } from '../../support/fake-clock';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'archived-'));
  dirs.push(dir);
  return dir;
}

async function open(dir: string) {
  const memory = createArchivedSources({
    userDataDir: dir,
    log: createNullLogger(),
    clock: createFakeClock({ start: Date.now() }),
  });
  await memory.load();
  return memory;
}

const ACME = { profileId: 'p1', organizationId: 'org_acme' };
const OTHER = { profileId: 'p2', organizationId: 'org_other' };
const readJson = (dir: string, name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'));

/** What the two older consoles wrote: names seen per organisation, and ids archived here (oldest first). */
const OLD_NAMES = {
  version: 1,
  scopes: {
    'p1|org_acme': [
      { id: 'src_b', name: 'Older' },
      { id: 'src_a', name: 'Old' },
    ],
    'p2|org_other': [{ id: 'src_c', name: 'Elsewhere' }],
  },
};
const OLD_HERE = { version: 1, ids: ['src_x', 'src_a', 'src_y'] };

describe('archived sources memory', () => {
  it('remembers per deployment and organisation, newest first, once per source', async () => {
    const memory = await open(newDir());
    await memory.remember(ACME, [{ id: 'a', name: 'Old' }]);
    await memory.remember(ACME, [
      { id: 'b', name: 'Older' },
      { id: 'a', name: 'Old (renamed before archiving)' },
    ]);
    await memory.remember({ profileId: 'p2', organizationId: 'org_acme' }, [{ id: 'c', name: 'Elsewhere' }]);
    expect(memory.names(ACME)).toEqual([
      { id: 'b', name: 'Older' },
      { id: 'a', name: 'Old (renamed before archiving)' },
    ]);
    expect(memory.names({ profileId: 'p2', organizationId: 'org_acme' })).toEqual([{ id: 'c', name: 'Elsewhere' }]);
    expect(memory.names({ profileId: 'p1', organizationId: 'org_other' })).toEqual([]);
  });

  it('a source archived here stays so when it is seen again; only those are "archived here"', async () => {
    const memory = await open(newDir());
    await memory.remember(ACME, [{ id: 'a', name: 'Mine' }], { archivedHere: true });
    await memory.remember(ACME, [{ id: 'b', name: 'Vanished' }]);
    // Seen again after archiving (it left the list): still archived here.
    await memory.remember(ACME, [{ id: 'a', name: 'Mine' }]);
    expect(memory.archivedHereIds(ACME)).toEqual(['a']);
    expect(memory.archivedHereIds(OTHER)).toEqual([]);
    expect(memory.names(ACME).map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('survives a restart in one file; a damaged file starts empty instead of failing', async () => {
    const dir = newDir();
    const memory = await open(dir);
    await memory.remember(ACME, [{ id: 'a', name: 'Old' }], { archivedHere: true });
    expect(readJson(dir, ARCHIVED_FILE_NAME)).toEqual({
      version: 1,
      scopes: { 'p1|org_acme': [{ id: 'a', name: 'Old', archivedHere: true }] },
      archivedHereUnscoped: [],
    });
    const again = await open(dir);
    expect(again.names(ACME)).toEqual([{ id: 'a', name: 'Old' }]);
    expect(again.archivedHereIds(ACME)).toEqual(['a']);
    writeFileSync(join(dir, ARCHIVED_FILE_NAME), '{"version":1,"scopes":');
    const damaged = await open(dir);
    expect(damaged.names(ACME)).toEqual([]);
  });
});

describe('archived sources memory: migration from the two older files', () => {
  it('starts from archived-names.json alone: every name stays taken, nothing counts as archived here', async () => {
    const dir = newDir();
    writeFileSync(join(dir, LEGACY_NAMES_FILE), JSON.stringify(OLD_NAMES));
    const memory = await open(dir);
    expect(memory.names(ACME)).toEqual(OLD_NAMES.scopes['p1|org_acme']);
    expect(memory.names(OTHER)).toEqual(OLD_NAMES.scopes['p2|org_other']);
    expect(memory.archivedHereIds(ACME)).toEqual([]);
  });

  it('starts from archived-sources.json alone: every id stays under "Archived", newest first', async () => {
    const dir = newDir();
    writeFileSync(join(dir, LEGACY_HERE_FILE), JSON.stringify(OLD_HERE));
    const memory = await open(dir);
    // Where they were archived was never written down: the Archived view asks for each by id.
    expect(memory.archivedHereIds(ACME)).toEqual(['src_y', 'src_a', 'src_x']);
    expect(memory.archivedHereIds(OTHER)).toEqual(['src_y', 'src_a', 'src_x']);
    expect(memory.names(ACME)).toEqual([]);
  });

  it('starts from both: loses nothing, writes only the new file, and keeps what it learnt since', async () => {
    const dir = newDir();
    writeFileSync(join(dir, LEGACY_NAMES_FILE), JSON.stringify(OLD_NAMES));
    writeFileSync(join(dir, LEGACY_HERE_FILE), JSON.stringify(OLD_HERE));
    const memory = await open(dir);
    await memory.remember(ACME, [{ id: 'src_new', name: 'New' }], { archivedHere: true });
    expect(memory.names(ACME).map((s) => s.id)).toEqual(['src_new', 'src_b', 'src_a']);
    expect(memory.names(OTHER)).toEqual(OLD_NAMES.scopes['p2|org_other']);
    expect(memory.archivedHereIds(ACME)).toEqual(['src_new', 'src_y', 'src_a', 'src_x']);
    // The older files are read, never written: an older console run in between still has them.
    expect(readJson(dir, LEGACY_NAMES_FILE)).toEqual(OLD_NAMES);
    expect(readJson(dir, LEGACY_HERE_FILE)).toEqual(OLD_HERE);
    // A restart reads the old files again and merges them without duplicates or losses.
    const again = await open(dir);
    expect(again.names(ACME).map((s) => s.id)).toEqual(['src_new', 'src_b', 'src_a']);
    expect(again.archivedHereIds(ACME)).toEqual(['src_new', 'src_y', 'src_a', 'src_x']);
    expect(readJson(dir, ARCHIVED_FILE_NAME)).toMatchObject({ archivedHereUnscoped: ['src_y', 'src_a', 'src_x'] });
  });

  it('merges what an older console added to its files after the upgrade', async () => {
    const dir = newDir();
    writeFileSync(join(dir, LEGACY_HERE_FILE), JSON.stringify(OLD_HERE));
    await open(dir);
    // The admin ran the older console once more: it archived src_z and saw src_q vanish.
    writeFileSync(join(dir, LEGACY_HERE_FILE), JSON.stringify({ version: 1, ids: [...OLD_HERE.ids, 'src_z'] }));
    writeFileSync(
      join(dir, LEGACY_NAMES_FILE),
      JSON.stringify({ version: 1, scopes: { 'p1|org_acme': [{ id: 'src_q', name: 'Gone' }] } }),
    );
    const memory = await open(dir);
    expect(memory.archivedHereIds(ACME)).toEqual(['src_y', 'src_a', 'src_x', 'src_z']);
    expect(memory.names(ACME)).toEqual([{ id: 'src_q', name: 'Gone' }]);
  });
});

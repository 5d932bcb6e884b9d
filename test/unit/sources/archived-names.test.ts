import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNullLogger } from '../../../src-main/services/logging/logger';
import { createArchivedNames } from '../../../src-main/services/sources/archived-names';
import { createFakeClock } from '../../support/fake-clock';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function make(dir = mkdtempSync(join(tmpdir(), 'archived-'))) {
  dirs.push(dir);
  return {
    dir,
    names: createArchivedNames({
      userDataDir: dir,
      log: createNullLogger(),
      clock: createFakeClock({ start: Date.now() }),
    }),
  };
}

const ACME = { profileId: 'p1', organizationId: 'org_acme' };

describe('archived names memory', () => {
  it('remembers per deployment and organisation, newest first, once per source', async () => {
    const { names } = make();
    await names.load();
    await names.remember(ACME, [{ id: 'a', name: 'Old' }]);
    await names.remember(ACME, [
      { id: 'b', name: 'Older' },
      { id: 'a', name: 'Old (renamed before archiving)' },
    ]);
    await names.remember({ profileId: 'p2', organizationId: 'org_acme' }, [{ id: 'c', name: 'Elsewhere' }]);
    expect(names.list(ACME)).toEqual([
      { id: 'b', name: 'Older' },
      { id: 'a', name: 'Old (renamed before archiving)' },
    ]);
    expect(names.list({ profileId: 'p2', organizationId: 'org_acme' })).toEqual([{ id: 'c', name: 'Elsewhere' }]);
    expect(names.list({ profileId: 'p1', organizationId: 'org_other' })).toEqual([]);
  });

  it('survives a restart; a damaged file starts empty instead of failing', async () => {
    const { dir, names } = make();
    await names.load();
    await names.remember(ACME, [{ id: 'a', name: 'Old' }]);
    expect(JSON.parse(readFileSync(join(dir, 'archived-names.json'), 'utf8')).scopes['p1|org_acme']).toEqual([
      { id: 'a', name: 'Old' },
    ]);
    const again = make(dir).names;
    await again.load();
    expect(again.list(ACME)).toEqual([{ id: 'a', name: 'Old' }]);
    writeFileSync(join(dir, 'archived-names.json'), '{"version":1,"scopes":');
    const damaged = make(dir).names;
    await damaged.load();
    expect(damaged.list(ACME)).toEqual([]);
  });
});

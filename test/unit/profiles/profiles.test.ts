import { describe, expect, it } from 'vitest';
import { type AppError } from '../../../src-shared/errors';
import { createNullLogger } from '../../../src-main/services/logging/logger';
import {
  createProfiles,
  normaliseDeploymentUrl,
  PROFILES_FILE_DEFAULTS,
  type ProfilesFile,
} from '../../../src-main/services/profiles';

function memoryFile() {
  let value: ProfilesFile = structuredClone(PROFILES_FILE_DEFAULTS);
  return {
    read: async () => structuredClone(value),
    write: async (next: ProfilesFile) => {
      value = structuredClone(next);
    },
    peek: () => value,
  };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as AppError).code;
  }
  return undefined;
}

describe('normaliseDeploymentUrl', () => {
  it.each([
    ['  HTTPS://App.LangWatch.AI/  ', 'https://app.langwatch.ai'],
    ['https://lw.example.com:443/some/path?q=1#frag', 'https://lw.example.com'],
    ['https://lw.example.com:8443/', 'https://lw.example.com:8443'],
    ['lw.example.com', 'https://lw.example.com'],
    ['http://localhost:5560/', 'http://localhost:5560'],
    ['http://127.0.0.1:80', 'http://127.0.0.1'],
    ['http://127.1.2.3:9', 'http://127.1.2.3:9'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseDeploymentUrl(raw)).toBe(expected);
  });

  it.each([
    'http://lw.example.com',
    'http://10.0.0.5',
    'ftp://lw.example.com',
    '',
    'https://user:pw@lw.example.com',
    'https://',
    'http://128.0.0.1',
  ])('rejects %s', (raw) => {
    expect(codeOf(() => normaliseDeploymentUrl(raw))).toBe('profile.invalid_url');
  });

  it('explains why http is refused', () => {
    try {
      normaliseDeploymentUrl('http://lw.example.com');
    } catch (error) {
      expect((error as Error).message).toMatch(/https/);
      expect((error as Error).message).toMatch(/localhost/);
    }
  });
});

describe('profiles', () => {
  const make = () => {
    const file = memoryFile();
    let n = 0;
    const profiles = createProfiles({
      file,
      log: createNullLogger(),
      newId: () => `p${++n}`,
      clock: { now: () => 0, setTimeout: () => 0, clearTimeout: () => undefined },
    });
    return { file, profiles };
  };

  it('adds with defaults, lists, gets, edits and removes', async () => {
    const { file, profiles } = make();
    const cloud = await profiles.add();
    expect(cloud).toEqual({
      id: 'p1',
      name: 'app.langwatch.ai',
      baseUrl: 'https://app.langwatch.ai',
      anthropicBaseUrl: 'https://api.anthropic.com',
      createdAt: '1970-01-01T00:00:00.000Z',
    });
    const local = await profiles.add({
      name: ' Local ',
      baseUrl: 'http://127.0.0.1:5560/',
      anthropicBaseUrl: 'http://127.0.0.1:5561',
    });
    expect(local.name).toBe('Local');
    expect((await profiles.list()).map((p) => p.id)).toEqual(['p1', 'p2']);
    const edited = await profiles.edit('p2', { lastOrganizationId: 'org_acme', name: 'Emulator' });
    expect(edited).toMatchObject({
      name: 'Emulator',
      lastOrganizationId: 'org_acme',
      baseUrl: 'http://127.0.0.1:5560',
    });
    expect((await profiles.edit('p2', { lastOrganizationId: null })).lastOrganizationId).toBeUndefined();
    await profiles.remove('p1');
    expect(file.peek().profiles.map((p) => p.id)).toEqual(['p2']);
    await expect(profiles.get('p1')).rejects.toMatchObject({ code: 'profile.not_found' });
  });

  it('rejects duplicate and insecure URLs', async () => {
    const { profiles } = make();
    await profiles.add({ baseUrl: 'https://lw.example.com' });
    await expect(profiles.add({ baseUrl: 'HTTPS://LW.example.com/app/' })).rejects.toMatchObject({
      code: 'profile.invalid_url',
    });
    await expect(profiles.add({ baseUrl: 'http://lw2.example.com' })).rejects.toMatchObject({
      code: 'profile.invalid_url',
    });
    const other = await profiles.add({ baseUrl: 'https://lw2.example.com' });
    await expect(profiles.edit(other.id, { baseUrl: 'https://lw.example.com' })).rejects.toMatchObject({
      code: 'profile.invalid_url',
    });
  });

  it('never loses one of two concurrent adds', async () => {
    const { profiles } = make();
    await Promise.all([profiles.add({ baseUrl: 'https://a.example' }), profiles.add({ baseUrl: 'https://b.example' })]);
    expect(await profiles.list()).toHaveLength(2);
  });
});

describe('profiles on disk', () => {
  it('persists through the json-file store given a path', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const path = join(mkdtempSync(join(tmpdir(), 'lw-profiles-')), 'profiles.json');
    const first = createProfiles({ file: path, log: createNullLogger() });
    const added = await first.add({ baseUrl: 'https://lw.example.com', name: 'Self-hosted' });
    const again = createProfiles({ file: path, log: createNullLogger() });
    expect(await again.get(added.id)).toEqual(added);
    expect(JSON.parse(readFileSync(path, 'utf8')).profiles[0].baseUrl).toBe('https://lw.example.com');
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src-main/services/logging/logger';
import { createKeytarSecretStore } from '../../src-main/services/secrets/keytar-store';
import type { SecretStore } from '../../src-main/services/secrets/secret-store';
import { anthropicKey } from '../unit/logging/fixtures';
import { secretStoreContract } from '../unit/secrets/secret-store-contract';

// Run through `bash scripts/with-keyring.sh npx vitest run -c vitest.keyring.config.mts`.
// Each run gets its own service names, so a real keyring is left as it was found.
const runId = `${process.pid}-${randomBytes(4).toString('hex')}`;
const SERVICE = `ai.langwatch.ingestion-console.test-${runId}`;
const OTHER_SERVICE = `ai.langwatch.ingestion-console.test-other-${runId}`;
const used = new Set<string>();

function store(service = SERVICE): SecretStore {
  used.add(service);
  return createKeytarSecretStore({ service });
}

beforeAll(async () => {
  // Fail (not skip) without a Secret Service: the test command always provides one, so its
  // absence is a broken setup that must be visible.
  const probe = store();
  try {
    await probe.set('probe', 'probe');
    await probe.delete('probe');
  } catch (error) {
    throw new Error(
      `No usable Secret Service: ${(error as Error).message}\n` +
        'Run these tests through: bash scripts/with-keyring.sh npx vitest run -c vitest.keyring.config.mts',
      { cause: error },
    );
  }
});

afterAll(async () => {
  for (const service of used) {
    const s = createKeytarSecretStore({ service });
    for (const account of await s.listAccounts().catch(() => [])) await s.delete(account);
  }
});

describe('keytar store against the real keyring: contract', () => {
  secretStoreContract(() => store(), 'contract/');
});

describe('keytar store against the real keyring', () => {
  it('persists: a fresh store instance reads what another one wrote', async () => {
    const key = anthropicKey();
    await store().set('staged:persist', key);
    const fresh = createKeytarSecretStore({ service: SERVICE });
    expect(await fresh.get('staged:persist')).toBe(key);
    expect(await fresh.listAccounts()).toContain('staged:persist');
    expect(await fresh.delete('staged:persist')).toBe(true);
    expect(await store().get('staged:persist')).toBeNull();
  });

  it('isolates stores with different service names', async () => {
    const a = store(SERVICE);
    const b = store(OTHER_SERVICE);
    await a.set('session:p1', 'value-a');
    await b.set('session:p1', 'value-b');
    await b.set('device:p1', 'only-b');
    expect(await a.get('session:p1')).toBe('value-a');
    expect(await b.get('session:p1')).toBe('value-b');
    expect(await a.get('device:p1')).toBeNull();
    expect(await a.listAccounts()).toEqual(['session:p1']);
    expect(await b.listAccounts()).toEqual(['device:p1', 'session:p1']);
    expect(await a.delete('session:p1')).toBe(true);
    expect(await b.get('session:p1')).toBe('value-b');
    await b.delete('session:p1');
    await b.delete('device:p1');
  });

  it('stores a large device token pair and many accounts', async () => {
    const s = store();
    const pair = JSON.stringify({
      access_token: `lw_at_${randomBytes(3000).toString('base64url')}`,
      refresh_token: `lw_rt_${randomBytes(3000).toString('base64url')}`,
    });
    await s.set('device:big', pair);
    const names = Array.from({ length: 20 }, (_, i) => `staged:${String(i).padStart(2, '0')}`);
    await Promise.all(names.map((n) => s.set(n, anthropicKey())));
    expect(await s.get('device:big')).toBe(pair);
    expect(await s.listAccounts()).toEqual([...names, 'device:big'].sort());
    await Promise.all([...names, 'device:big'].map((n) => s.delete(n)));
    expect(await s.listAccounts()).toEqual([]);
  });

  it('logs steps but never the values it stored', async () => {
    const log = createMemoryLogger();
    const s = createKeytarSecretStore({ service: SERVICE, log });
    const key = anthropicKey();
    await s.set('staged:log', key);
    await s.get('staged:log');
    await s.listAccounts();
    await s.delete('staged:log');
    expect(log.text()).toContain('secret set staged:log');
    expect(log.text()).not.toContain(key);
  });
});

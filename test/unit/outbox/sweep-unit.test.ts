import { describe, expect, it } from 'vitest';
import { stagedAccount } from '../../../src-main/services/outbox/entry';
import { encodeUnit, unitFingerprint } from '../../../src-main/services/outbox/secret-unit';
import { sweepOrphans } from '../../../src-main/services/outbox/sweep';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { makeEntry } from './helpers';

const UNIT = { clientId: 'genie-client-5f2c9a7e41b3d2c8', clientSecret: 'dose-genie-secret-9c1e7a3b5d7f' };

describe('the sweep at start, for secret units', () => {
  it('gives a key_missing entry its unit back only when the keychain holds the whole unit it recorded', async () => {
    const secrets = createMemorySecretStore();
    const fingerprint = unitFingerprint('databricks_genie', UNIT);
    const missing = (id: string) =>
      makeEntry({ id, sourceType: 'databricks_genie', state: 'key_missing', keyHeld: false, fingerprint });
    await secrets.set(stagedAccount('stg_whole'), encodeUnit('databricks_genie', UNIT));
    await secrets.set(
      stagedAccount('stg_other'),
      encodeUnit('databricks_genie', { ...UNIT, clientSecret: 'dose-another-secret-0000' }),
    );
    await secrets.set(stagedAccount('stg_part'), JSON.stringify({ tenantId: 'not a secret field' }));
    const restored: string[] = [];
    const result = await sweepOrphans({
      secrets,
      entries: [missing('stg_whole'), missing('stg_other'), missing('stg_part')],
      log: createMemoryLogger(),
      flagMissing: async () => undefined,
      restoreFound: async (id) => void restored.push(id),
    });
    expect(restored).toEqual(['stg_whole']);
    expect(result.removedAccounts).toEqual([]); // open entries keep their items, whatever they hold
  });
});

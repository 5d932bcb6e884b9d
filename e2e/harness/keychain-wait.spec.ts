import { SEED } from '../../emulator';
import { createKeytarSecretStore, type KeytarModule } from '../../src-main/services/secrets/keytar-store';
import { expect, test } from './fixtures';
import { composeSource, outboxEntry } from './outbox-helpers';

const ACME = SEED.orgs.enterprise.id;
const KEY = SEED.anthropicKeys.compliance;

/** keytar over a Map that, while `lock.now` is true, answers as libsecret does on a locked collection. */
function lockableKeytar(lock: { now: boolean }): KeytarModule {
  const entries = new Map<string, string>();
  return {
    getPassword: async (_s, account) => (lock.now ? null : (entries.get(account) ?? null)),
    setPassword: async (_s, account, password) => {
      if (lock.now) throw new Error('Cannot create an item in a locked collection');
      entries.set(account, password);
    },
    deletePassword: async (_s, account) => !lock.now && entries.delete(account),
    findCredentials: async () => {
      if (lock.now) throw new Error('a listing of a locked collection must never run (keytar crashes there)');
      return [...entries].map(([account, password]) => ({ account, password }));
    },
  };
}

test('the keychain locks during a flush: the outbox says it waits for the keychain, Retry sends it once unlocked', async ({
  openHarness,
  emulator,
}) => {
  const lock = { now: false };
  const harness = await openHarness({ secrets: createKeytarSecretStore({ loadKeytar: () => lockableKeytar(lock) }) });
  await harness.signIn('admin');
  await harness.services.auth.selectOrganization(ACME);
  await harness.services.settings.update({ autoPreflight: false });
  const { page } = harness;
  emulator.control.faults.add({ route: 'ingestionSources.create', side: 'langwatch', kind: 'error5xx', status: 503 });
  const stagedId = await composeSource(page, { name: 'E2E keychain locked', key: KEY });
  const row = await outboxEntry(page, stagedId);
  await expect(row).toHaveAttribute('data-state', 'retrying', { timeout: 10_000 });

  lock.now = true;
  emulator.control.faults.clear();
  await row.getByTestId('entry-retry').click();
  await expect(row).toHaveAttribute('data-state', 'waiting_for_keychain', { timeout: 10_000 });
  await expect(row.getByTestId('entry-state')).toHaveText(/Waiting for the keychain/);
  const wait = page.getByTestId('outbox-keychain-wait');
  await expect(wait).toContainText('Waiting for the keychain');
  await expect(wait).toContainText('1 staged key is kept');
  await expect(wait).toContainText('Unlock your keyring, then choose Retry');
  expect(emulator.control.sources(ACME).filter((s) => s.name === 'E2E keychain locked')).toHaveLength(0);

  lock.now = false;
  await page.getByTestId('outbox-keychain-retry').click();
  await expect(row).toHaveAttribute('data-state', 'submitted', { timeout: 10_000 });
  await expect(wait).toHaveCount(0);
  expect(emulator.control.sources(ACME).filter((s) => s.name === 'E2E keychain locked')).toHaveLength(1);
});

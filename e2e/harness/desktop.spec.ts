import { SEED } from '../../emulator';
import { createKeytarSecretStore, type KeytarModule } from '../../src-main/services/secrets/keytar-store';
import { expect, test } from './fixtures';
import { ECHO_TEST_KEY } from './leak-scan';
import { composeSource, outboxEntry } from './outbox-helpers';

const ACME = SEED.orgs.enterprise.id;

/** keytar over a Map that fails, while `down.now` is true, as it does on a desktop session without D-Bus. */
function keytarWithoutDbus(down: { now: boolean }): KeytarModule {
  const entries = new Map<string, string>();
  const guard = () => {
    if (down.now) throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
  };
  return {
    getPassword: async (_s, account) => (guard(), entries.get(account) ?? null),
    setPassword: async (_s, account, password) => void (guard(), entries.set(account, password)),
    deletePassword: async (_s, account) => (guard(), entries.delete(account)),
    findCredentials: async () => (guard(), [...entries].map(([account, password]) => ({ account, password }))),
  };
}

test.describe('surviving the desktop', () => {
  test('no D-Bus / Secret Service at start: the window opens, says what is missing and how to fix it; staging is disabled', async ({
    openHarness,
  }) => {
    const down = { now: true };
    const harness = await openHarness({
      secrets: createKeytarSecretStore({ loadKeytar: () => keytarWithoutDbus(down) }),
    });
    const { page } = harness;
    await expect(page.locator('#root')).toHaveAttribute('data-state', 'ready');
    const banner = page.getByTestId('startup-problems');
    await expect(banner).toContainText('The system keychain is not available');
    await expect(banner).toContainText('D-Bus');
    await expect(banner).toContainText('sudo apt install gnome-keyring');
    await expect(banner).toContainText('staging keys is disabled');
    await expect(page.getByTestId('recheck-keychain')).toBeVisible();

    // Status stays viewable (a sign-in held in memory); the composer says staging is off.
    await harness.signIn('admin');
    await page.locator('#nav-compose').click();
    await expect(page.getByTestId('compose-keychain-missing')).toBeVisible();
    await expect(page.getByTestId('key-input')).toHaveCount(0);

    // The person fixes it and checks again: the banner goes, staging is back.
    down.now = false;
    await page.getByTestId('recheck-keychain').click();
    await expect(page.getByTestId('startup-problems')).toHaveCount(0);
    await expect(page.getByTestId('key-input')).toBeVisible();
  });

  test('a server that echoes the key, cookie and password: none of it reaches the renderer, files or logs', async ({
    openHarness,
    emulator,
  }) => {
    // A key of a shape no pattern knows: only redaction by value can catch its echo. It is one
    // of the scan's seeded secrets, so the final scan of test-results looks for it as well.
    const typedKey = ECHO_TEST_KEY;
    const harness = await openHarness();
    await harness.signIn('admin');
    await harness.services.auth.selectOrganization(ACME);
    await harness.services.settings.update({ autoPreflight: false });
    const { page } = harness;

    emulator.control.faults.add({
      route: 'ingestionSources.create',
      side: 'langwatch',
      kind: 'echoSecrets',
      status: 400,
    });
    const stagedId = await composeSource(page, { name: 'Echoed key', key: typedKey });
    const row = await outboxEntry(page, stagedId);
    await expect(row).toHaveAttribute('data-state', 'rejected');
    // The server's echo reached the renderer with the key taken out of it.
    await expect.poll(() => harness.rendererTrafficText().includes('[REDACTED]')).toBe(true);

    emulator.control.faults.add({ route: '/v1', side: 'anthropic', kind: 'echoSecrets', status: 401 });
    const profileId = harness.services.auth.state().activeProfileId!;
    const answer = await page.evaluate(
      ([p, k]) => window.__lwInvoke('keyChecks.checkTyped', { profileId: p, key: k }),
      [profileId, typedKey] as const,
    );
    expect(JSON.stringify(answer)).not.toContain(typedKey);
    emulator.control.faults.add({
      route: 'ingestionSources.*',
      side: 'langwatch',
      kind: 'echoSecrets',
      status: 400,
      times: 2,
    });
    await page.evaluate(() => window.__lwInvoke('sources.refreshNow', {}));
    // The automatic leak scan then searches the key, the cookie and the password everywhere.
  });
});

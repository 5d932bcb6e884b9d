import { SEED } from '../../emulator/seed';
import type { ConsoleHarness } from './console-harness';
import { expect, test } from './fixtures';
import { expectNoLeaks, sessionAccounts, sessionSecrets } from './leak-check';

const admin = SEED.users.admin;
const support = SEED.users.support;

const activeProfileId = (h: ConsoleHarness) => h.services.auth.state().activeProfileId!;

/** Signs in through the Connect view's email form (the console starts signed out on Sources). */
async function signInWithEmailUi(h: ConsoleHarness, email: string, password: string): Promise<void> {
  const { page } = h;
  await page.getByTestId('email-input').fill(email);
  await page.getByTestId('password-input').fill(password);
  await page.getByTestId('email-submit').click();
}

/** Signs out through the bar; asserts the keychain holds no session of any profile afterwards. */
async function signOutUi(h: ConsoleHarness): Promise<void> {
  await h.page.getByTestId('sign-out').click();
  await expect(h.page.getByTestId('auth-view')).toBeVisible();
  await expect.poll(() => sessionAccounts(h)).toEqual([]);
}

test.describe('auth: deployments, sign-in, organisations, permissions', () => {
  test('email sign-in: good → org picker and user shown; sign-out leaves no keychain entry; nothing leaks', async ({
    harness,
  }) => {
    const { page } = harness;
    await expect(page.getByTestId('auth-view')).toBeVisible();
    await expect(page.getByTestId('sign-in-methods')).toHaveAttribute('data-password', 'true');
    await signInWithEmailUi(harness, admin.email, admin.password);
    await expect(page.getByTestId('auth-bar')).toHaveAttribute('data-session', 'signed_in');
    await expect(page.getByTestId('signed-in-user')).toHaveText(admin.email);
    await expect(page.getByTestId('org-picker')).toHaveValue('org_acme');
    await expect(page.getByTestId('badge-view-only')).toHaveCount(0);
    await expect(page.getByTestId('badge-read-only')).toHaveCount(0);
    const secrets = await sessionSecrets(harness, activeProfileId(harness));
    expect(secrets.length).toBeGreaterThan(0);
    await signOutUi(harness);
    await expectNoLeaks(harness, [...secrets, admin.password]);
  });

  test('email sign-in: wrong password → specific message, password field cleared', async ({ harness }) => {
    const { page } = harness;
    const wrong = 'definitely-not-the-password-77';
    await signInWithEmailUi(harness, admin.email, wrong);
    await expect(page.getByTestId('sign-in-error')).toHaveText('Wrong email or password. Check them and try again.');
    await expect(page.getByTestId('password-input')).toHaveValue('');
    await expect(page.getByTestId('auth-bar')).toHaveAttribute('data-session', 'signed_out');
    expect(await sessionAccounts(harness)).toEqual([]);
    await expectNoLeaks(harness, [wrong]);
  });

  test('password sign-in disabled → browser sign-in offered first and completes in a private window', async ({
    harness,
    emulator,
  }) => {
    const { page } = harness;
    emulator.control.setEmailPasswordEnabled(false);
    await page.reload();
    await expect(page.getByTestId('sign-in-methods')).toHaveAttribute('data-password', 'false');
    await expect(page.getByTestId('email-sign-in')).toHaveCount(0);
    await expect(page.getByTestId('browser-sign-in')).toHaveClass(/primary/);
    // The deployment's own sign-in page still works in a browser (SSO stands in for it here).
    emulator.control.setEmailPasswordEnabled(true);
    await page.getByTestId('browser-sign-in').click();
    const window = await harness.authPorts.signInWindow();
    await expect(window).toHaveURL(/\/auth\/signin\?callbackUrl=%2F$/);
    await window.getByLabel('Email').fill(admin.email);
    await window.getByLabel('Password').fill(admin.password);
    await window.getByRole('button', { name: 'Sign in' }).click();
    // The window closes itself as soon as the cookie appears, and the console is signed in.
    await expect.poll(() => window.isClosed()).toBe(true);
    await expect(page.getByTestId('auth-bar')).toHaveAttribute('data-session', 'signed_in');
    expect(harness.services.auth.state().session).toMatchObject({ kind: 'signed_in', method: 'browser' });
    const secrets = await sessionSecrets(harness, activeProfileId(harness));
    await signOutUi(harness);
    await expectNoLeaks(harness, [...secrets, admin.password]);
  });

  test('closing the browser sign-in window is a calm "cancelled"', async ({ harness }) => {
    const { page } = harness;
    await page.getByTestId('browser-sign-in').click();
    const window = await harness.authPorts.signInWindow();
    await window.close();
    await expect(page.getByTestId('browser-cancelled')).toBeVisible();
    await expect(page.getByTestId('auth-bar')).toHaveAttribute('data-session', 'signed_out');
  });

  test('email sign-in rate limited → the wait is shown and the button counts down', async ({ harness, emulator }) => {
    const { page } = harness;
    emulator.control.setSignInLimit(1);
    await signInWithEmailUi(harness, admin.email, 'first-wrong-password-1');
    await expect(page.getByTestId('sign-in-error')).toHaveAttribute('data-code', 'auth.invalid_credentials');
    await signInWithEmailUi(harness, admin.email, admin.password);
    await expect(page.getByTestId('sign-in-error')).toHaveAttribute('data-code', 'auth.rate_limited');
    // A 15-minute window: said in minutes and seconds, never "889 s".
    await expect(page.getByTestId('sign-in-error')).toHaveText(
      /Too many sign-in attempts\. Try again in 1[0-5] min( \d+ s)?\./,
    );
    await expect(page.getByTestId('email-submit')).toBeDisabled();
    await expect(page.getByTestId('email-submit')).toHaveText(/^Wait 1[0-5] min( \d+ s)?$/);
    expect(await sessionAccounts(harness)).toEqual([]);
    await expectNoLeaks(harness, [admin.password, 'first-wrong-password-1']);
  });

  test('device flow approved → read-only (support) session, no manage actions; sign-out removes the tokens', async ({
    harness,
    emulator,
  }) => {
    test.setTimeout(60_000);
    const { page } = harness;
    await page.getByTestId('device-start').click();
    const code = (await page.getByTestId('device-user-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect(page.getByTestId('device-waiting').locator('[data-state="waiting"]')).toBeVisible();
    await page.getByTestId('device-open').click();
    await expect.poll(() => harness.openedUrls).toEqual([`${emulator.langwatchUrl}/cli/auth?user_code=${code}`]);
    emulator.control.approveDevice(code, 'support');
    await expect(page.getByTestId('auth-bar')).toHaveAttribute('data-session', 'device', { timeout: 20_000 });
    await expect(page.getByTestId('badge-read-only')).toHaveText('read-only (support)');
    await expect(page.getByTestId('org-picker')).toBeDisabled();
    expect(harness.services.auth.state()).toMatchObject({ readOnly: true, permissions: { canManage: false } });
    const profileId = activeProfileId(harness);
    expect(await harness.services.secrets.listAccounts()).toContain(`device:${profileId}`);
    const secrets = await sessionSecrets(harness, profileId);
    expect(secrets.length).toBe(2);
    await signOutUi(harness);
    await expectNoLeaks(harness, secrets);
  });

  test('device flow denied → said so, and a fresh start is offered', async ({ harness, emulator }) => {
    const { page } = harness;
    await page.getByTestId('device-start').click();
    const code = (await page.getByTestId('device-user-code').textContent())!.trim();
    emulator.control.denyDevice(code);
    await expect(page.getByTestId('device-result')).toHaveAttribute('data-outcome', 'denied', { timeout: 20_000 });
    await expect(page.getByTestId('device-result')).toContainText('denied');
    await expect(page.getByTestId('device-again')).toBeVisible();
    expect(await sessionAccounts(harness)).toEqual([]);
  });

  test('device flow expired → said so; cancel stops a running one', async ({ harness, emulator }) => {
    const { page } = harness;
    await page.getByTestId('device-start').click();
    const code = (await page.getByTestId('device-user-code').textContent())!.trim();
    emulator.control.expireDeviceCode(code);
    await expect(page.getByTestId('device-result')).toHaveAttribute('data-outcome', 'expired', { timeout: 20_000 });
    await page.getByTestId('device-again').click();
    await page.getByTestId('device-start').click();
    await expect(page.getByTestId('device-user-code')).toBeVisible();
    await page.getByTestId('device-cancel').click();
    await expect(page.getByTestId('device-result')).toHaveAttribute('data-outcome', 'cancelled');
    expect(await sessionAccounts(harness)).toEqual([]);
  });

  test('organisation switch is remembered per profile across a restart', async ({ harness }) => {
    const { page } = harness;
    await signInWithEmailUi(harness, admin.email, admin.password);
    await expect(page.getByTestId('org-picker')).toHaveValue('org_acme');
    await page.getByTestId('org-picker').selectOption('org_small');
    await expect(page.getByTestId('org-picker')).toHaveValue('org_small');
    await expect.poll(() => harness.services.auth.state().activeOrganizationId).toBe('org_small');
    const secrets = await sessionSecrets(harness, activeProfileId(harness));
    await harness.restart();
    await expect(page.getByTestId('auth-bar')).toHaveAttribute('data-session', 'signed_in');
    await expect(page.getByTestId('org-picker')).toHaveValue('org_small');
    // Keyboard: the picker is a native select reachable by Tab and arrow keys.
    await page.getByTestId('org-picker').focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => harness.services.auth.state().activeOrganizationId).toBe('org_acme');
    await signOutUi(harness);
    await expectNoLeaks(harness, [...secrets, admin.password]);
  });

  test('a view-only user (support via email) sees no manage actions and is told why', async ({ harness }) => {
    const { page } = harness;
    await signInWithEmailUi(harness, support.email, support.password);
    await expect(page.getByTestId('auth-bar')).toHaveAttribute('data-session', 'signed_in');
    const badge = page.getByTestId('badge-view-only');
    await expect(badge).toHaveText('view only');
    await expect(badge).toHaveAttribute('title', 'View only: your role lacks ingestionSources:manage.');
    expect(harness.services.auth.state().permissions).toMatchObject({ canView: true, canManage: false });
    await expect(
      page.getByRole('button', { name: /^(New source|Archive|Disable|Enable|Edit source|Re-key)/ }),
    ).toHaveCount(0);
    const secrets = await sessionSecrets(harness, activeProfileId(harness));
    await signOutUi(harness);
    await expectNoLeaks(harness, [...secrets, support.password]);
  });

  test('session expiry → banner with the queued count; queued work is submitted after signing in again', async ({
    harness,
    emulator,
  }) => {
    const { page } = harness;
    await signInWithEmailUi(harness, admin.email, admin.password);
    await expect(page.getByTestId('org-picker')).toHaveValue('org_acme');
    const profileId = activeProfileId(harness);
    const firstSecrets = await sessionSecrets(harness, profileId);
    emulator.control.expireSessions();
    // Work that needs the session: a staged source whose submission meets the 401.
    const key = SEED.anthropicKeys.compliance;
    const name = 'Connect journey — staged during expiry';
    const { stagedId } = await harness.services.outbox.stage({
      kind: 'create',
      organizationId: 'org_acme',
      name,
      key,
      pollEverySec: 900,
    });
    await expect(page.getByTestId('session-expired-banner')).toBeVisible();
    await expect(page.getByTestId('badge-expired')).toBeVisible();
    await expect(page.getByTestId('session-expired-banner')).toContainText('1 queued item is waiting');
    const stateOf = () => harness.services.outbox.list().find((e) => e.id === stagedId)?.state;
    await expect.poll(stateOf).toBe('needs_sign_in');
    // Anything else that needs the session waits too (it is not dropped).
    let resumed = false;
    const waiting = harness.services.auth.waitForSession(profileId).then(() => (resumed = true));
    await page.getByTestId('sign-in-again').click();
    await expect(page.getByTestId('auth-view')).toBeVisible();
    expect(resumed).toBe(false);
    await signInWithEmailUi(harness, admin.email, admin.password);
    await waiting;
    expect(resumed).toBe(true);
    await expect(page.getByTestId('session-expired-banner')).toHaveCount(0);
    await expect(page.getByTestId('org-picker')).toHaveValue('org_acme');
    await expect.poll(stateOf, { timeout: 20_000 }).toBe('submitted');
    expect(emulator.control.sources('org_acme').filter((s) => s.name === name)).toHaveLength(1);
    const secondSecrets = await sessionSecrets(harness, profileId);
    await signOutUi(harness);
    await expectNoLeaks(harness, [...firstSecrets, ...secondSecrets, admin.password, key]);
  });

  test('deployments: inline URL validation, add, sign in, forget removes the profile and its keychain entries', async ({
    harness,
    emulator,
  }) => {
    const { page } = harness;
    const firstProfile = activeProfileId(harness);
    await page.getByTestId('profile-add').click();
    await page.getByTestId('profile-url-input').fill('http://langwatch.example.com');
    await expect(page.getByTestId('profile-url-hint')).toContainText('must use https://');
    await expect(page.getByTestId('profile-save')).toBeDisabled();
    const port = new URL(emulator.langwatchUrl).port;
    await page.getByTestId('profile-name-input').fill('Emulator via localhost');
    await page.getByTestId('profile-url-input').fill(`LOCALHOST:${port}/some/page`.replace(/^/, 'http://'));
    await expect(page.getByTestId('profile-url-hint')).toHaveText(`Will connect to http://localhost:${port}`);
    await page.getByTestId('profile-save').click();
    await expect(page.getByTestId('profile-picker')).toContainText('Emulator via localhost');
    await expect.poll(() => activeProfileId(harness)).not.toBe(firstProfile);
    const secondProfile = activeProfileId(harness);
    await expect(page.getByTestId('profile-picker')).toHaveValue(secondProfile);
    // The emulator trusts only its own origin (like BetterAuth's trustedOrigins): a specific message.
    await signInWithEmailUi(harness, admin.email, admin.password);
    await expect(page.getByTestId('sign-in-error')).toHaveAttribute('data-code', 'auth.invalid_origin');
    await expect(page.getByTestId('sign-in-error')).toContainText('trusted-origins');

    // Back to the first deployment: sign in, then forget it entirely.
    await page.getByTestId('profile-picker').selectOption(firstProfile);
    await expect(page.getByTestId('profile-name')).toHaveText('Emulator');
    await expect(page.getByTestId('sign-in-error')).toHaveCount(0);
    await signInWithEmailUi(harness, admin.email, admin.password);
    await expect(page.getByTestId('auth-bar')).toHaveAttribute('data-session', 'signed_in');
    expect(await harness.services.secrets.listAccounts()).toContain(`session:${firstProfile}`);
    const secrets = await sessionSecrets(harness, firstProfile);
    await page.getByTestId('sign-out').click();
    await page.getByTestId('profile-forget').click();
    await page.getByTestId('profile-forget-confirm').click();
    await expect(page.getByTestId('profile-picker')).not.toContainText(emulator.langwatchUrl);
    expect(harness.services.auth.state().profiles.map((p) => p.id)).toEqual([secondProfile]);
    expect((await harness.services.secrets.listAccounts()).filter((a) => a.endsWith(`:${firstProfile}`))).toEqual([]);
    await expectNoLeaks(harness, [...secrets, admin.password]);
  });
});

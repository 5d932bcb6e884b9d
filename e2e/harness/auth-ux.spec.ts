import { SEED } from '../../emulator/seed';
import { expect, test } from './fixtures';

const admin = SEED.users.admin;

test.describe('sign-in screen: methods explained, deployments managed, nav and focus follow the screen', () => {
  test('signed out: the nav highlights Deployments, each method says what it is, forgetting is quiet and confirmed', async ({
    harness,
  }) => {
    const { page } = harness;
    await expect(page.getByTestId('auth-view')).toBeVisible();
    // Sources is the route, but the sign-in screen is what is shown: the nav says so.
    await expect(page.getByTestId('nav-deployments')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('nav-sources')).not.toHaveAttribute('aria-current', 'page');

    await expect(page.getByRole('heading', { name: 'Email' })).toBeVisible();
    await expect(page.getByRole('heading', { name: "Your company's SSO" })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Read-only device code for support' })).toBeVisible();
    await expect(page.getByTestId('method-device')).toContainText('without changing anything');

    const forget = page.getByTestId('profile-forget');
    await expect(forget).not.toHaveClass(/primary|danger/);
    await forget.click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText('Sources on LangWatch are not touched');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await expect(page.getByTestId('profile-forget-confirm')).toHaveCount(0);
    expect(harness.services.auth.state().profiles).toHaveLength(1);
  });

  test('the device code has a copy button that puts exactly the code on the clipboard', async ({ harness }) => {
    const { page } = harness;
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await page.getByTestId('device-start').click();
    const code = (await page.getByTestId('device-user-code').textContent())!.trim();
    await page.getByTestId('device-copy-code').click();
    await expect(page.getByTestId('device-copy-code')).toHaveAttribute('data-state', 'copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    await page.getByTestId('device-cancel').click();
  });

  test('signed in, deployments can be added and edited; signing in on this screen leads on to the sources', async ({
    harness,
  }) => {
    const { page } = harness;
    await page.getByTestId('email-input').fill(admin.email);
    await page.getByTestId('password-input').fill(admin.password);
    await page.getByTestId('email-submit').click();
    await expect(page.getByTestId('nav-sources')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('auth-view')).toHaveCount(0);

    await page.getByTestId('nav-deployments').click();
    await expect(page.getByTestId('nav-deployments')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('signed-in-card')).toContainText(admin.email);
    await expect(page.getByTestId('sign-in-methods')).toHaveCount(0);
    await page.getByTestId('profile-add').click();
    await page.getByTestId('profile-name-input').fill('Second deployment');
    await page.getByTestId('profile-url-input').fill('https://langwatch.example.com');
    await expect(page.getByTestId('profile-url-hint')).toContainText('Will connect to');
    await page.getByTestId('profile-save').click();
    await expect.poll(() => harness.services.auth.state().profiles.map((p) => p.name)).toContain('Second deployment');
  });

  test('"Sign in again" always does something: it opens the sign-in screen and moves focus to it', async ({
    harness,
    emulator,
  }) => {
    const { page } = harness;
    await harness.signIn('admin');
    await page.getByTestId('nav-outbox').click();
    emulator.control.expireSessions();
    await harness.services.sourcesMonitor.refreshNow();
    await expect(page.getByTestId('session-expired-banner')).toBeVisible({ timeout: 15_000 });
    await page.getByTestId('sign-in-again').click();
    await expect(page.getByTestId('auth-view')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in again' })).toBeFocused();
    // Again, while already there: focus comes back to the heading.
    await page.getByTestId('email-input').focus();
    await page.getByTestId('sign-in-again').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in again' })).toBeFocused();
  });
});

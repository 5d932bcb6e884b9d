import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../emulator';
import { SEED } from '../../emulator/seed';
import { electronBinary, ELECTRON_MISSING_REASON } from '../../scripts/electron-binary';

const exe = electronBinary();
const mainJs = join(__dirname, '..', '..', 'out', 'main', 'index.js');

/**
 * "Sign in with browser" in the real app: the sign-in window is sandboxed, has no preload and a
 * private non-persistent partition, captures the session cookie as soon as it appears, stores
 * it and closes. (In the Chromium harness the same port runs on a fresh Playwright context.)
 */
test.describe('Electron browser sign-in window', () => {
  test.skip(!exe, ELECTRON_MISSING_REASON);

  let app: ElectronApplication;
  let userDataDir: string;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;

  test.beforeEach(async () => {
    emulator = await startEmulator({ pullerSchedule: false });
    emulator.control.setEmailPasswordEnabled(false);
    userDataDir = mkdtempSync(join(tmpdir(), 'lw-electron-signin-'));
    app = await electron.launch({
      executablePath: exe!,
      args: [mainJs, '--no-sandbox'],
      env: {
        ...process.env,
        LW_TEST_MODE: '1',
        LW_USER_DATA_DIR: userDataDir,
        LW_LANGWATCH_URL: emulator.langwatchUrl,
        LW_ANTHROPIC_URL: emulator.anthropicUrl,
      } as Record<string, string>,
    });
  });

  test.afterEach(async () => {
    await app?.close();
    await emulator?.close();
    rmSync(userDataDir, { recursive: true, force: true });
  });

  test('captures the cookie from a private sandboxed window, then closes it', async () => {
    const page = await app.firstWindow();
    await page.locator('#root[data-state="ready"]').waitFor();
    await expect(page.getByTestId('sign-in-methods')).toHaveAttribute('data-password', 'false');
    const windowOpened = app.waitForEvent('window');
    await page.getByTestId('browser-sign-in').click();
    const signIn = await windowOpened;
    await expect(signIn).toHaveURL(/\/auth\/signin\?callbackUrl=%2F$/);

    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const win = BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().includes('/auth/signin'))!;
      const p = (
        win.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }
      ).getLastWebPreferences();
      return {
        sandbox: p.sandbox,
        contextIsolation: p.contextIsolation,
        nodeIntegration: p.nodeIntegration,
        preload: p.preload ?? null,
        partition: String(p.partition ?? ''),
        persistent: win.webContents.session.isPersistent(),
      };
    });
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      preload: null,
      persistent: false,
    });
    expect(prefs.partition).toMatch(/^lw-signin-[0-9a-f]{16}$/);

    // The emulator's SSO stand-in: its own sign-in page (password sign-in is only off for the console's form).
    emulator.control.setEmailPasswordEnabled(true);
    await signIn.getByLabel('Email').fill(SEED.users.admin.email);
    await signIn.getByLabel('Password').fill(SEED.users.admin.password);
    const closed = signIn.waitForEvent('close');
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await closed;
    await expect(page.getByTestId('auth-bar')).toHaveAttribute('data-session', 'signed_in');
    // The main window's own session never saw the deployment's cookie.
    const mainCookies = await app.evaluate(({ session }) => session.defaultSession.cookies.get({}));
    expect(mainCookies.filter((c) => c.name.includes('session_token'))).toEqual([]);
  });

  test('closing the window without signing in is "cancelled"', async () => {
    const page = await app.firstWindow();
    await page.locator('#root[data-state="ready"]').waitFor();
    const windowOpened = app.waitForEvent('window');
    await page.getByTestId('browser-sign-in').click();
    const signIn = await windowOpened;
    await signIn.close();
    await expect(page.getByTestId('browser-cancelled')).toBeVisible();
  });
});

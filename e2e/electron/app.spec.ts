import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary, ELECTRON_MISSING_REASON } from '../../scripts/electron-binary';

const exe = electronBinary();
const mainJs = join(__dirname, '..', '..', 'out', 'main', 'index.js');

test.describe('the real Electron app', () => {
  test.skip(!exe, ELECTRON_MISSING_REASON);

  let app: ElectronApplication;
  let userDataDir: string;

  test.beforeEach(async () => {
    userDataDir = mkdtempSync(join(tmpdir(), 'lw-electron-'));
    app = await electron.launch({
      executablePath: exe!,
      args: [mainJs, '--no-sandbox'],
      env: { ...process.env, LW_TEST_MODE: '1', LW_USER_DATA_DIR: userDataDir } as Record<string, string>,
    });
  });

  test.afterEach(async () => {
    await app?.close();
    rmSync(userDataDir, { recursive: true, force: true });
  });

  test('window is hardened and the renderer has no Node', async () => {
    const page = await app.firstWindow();
    await page.locator('#root[data-state="ready"]').waitFor();
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const win = BrowserWindow.getAllWindows()[0]!;
      // Not in Electron's public typings, but present at runtime: the prefs the page really got.
      const p = (
        win.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }
      ).getLastWebPreferences();
      return {
        sandbox: p.sandbox,
        contextIsolation: p.contextIsolation,
        nodeIntegration: p.nodeIntegration,
        webSecurity: p.webSecurity,
      };
    });
    expect(prefs).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    const probe = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      frozen: Object.isFrozen(window.lw),
    }));
    expect(probe).toEqual({ require: 'undefined', process: 'undefined', frozen: true });
    const opened = await page.evaluate(() => window.open('https://example.com') === null);
    expect(opened).toBe(true);
  });

  test('settings reaches the OS keychain through IPC', async () => {
    const page = await app.firstWindow();
    await page.locator('#root[data-state="ready"]').waitFor();
    await page.getByRole('button', { name: /Settings/ }).click();
    await page.getByTestId('check-keychain').click();
    await expect(page.getByTestId('keychain-result')).toHaveText(/Keychain OK/);
  });
});

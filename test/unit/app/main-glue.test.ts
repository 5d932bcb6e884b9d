import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../src-shared/ipc/contract';
import { RENDERER_CSP } from '../../../src-main/security';

const ROOT = join(__dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'lw-main-glue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The Electron binary cannot be installed here, so the built main process runs under Node
// with a recording stand-in for `electron`: lifecycle, window options, hardening and IPC
// registration are exercised as built, not only as separate units.
describe('built main process under a stand-in for Electron', () => {
  it('starts, hardens, registers every channel and answers only its own window', () => {
    if (!existsSync(join(ROOT, 'out/main/index.js')))
      throw new Error('out/main/index.js is missing: `npm run build` runs before the unit tests in `npm test`.');
    const report = runMain(dir, {});
    expect(report.shown).toBe(true);
    expect(report.loaded).toBe(join(ROOT, 'out/renderer/index.html'));
    expect(report.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: join(ROOT, 'out/preload/preload.js'),
    });
    expect(report.channels).toEqual(CHANNEL_NAMES.map((c) => `lw:${c}`).sort());
    expect(report.appEvents).toEqual(
      expect.arrayContaining(['second-instance', 'web-contents-created', 'window-all-closed']),
    );
    expect(report.info).toMatchObject({ ok: true, value: { mode: 'test', secretBackend: 'memory', userDataDir: dir } });
    expect(report.foreign).toMatchObject({ ok: false, error: { code: 'ipc.forbidden_sender' } });
    expect(report.windowOpen).toEqual({ action: 'deny' });
    expect(report.navPrevented).toBe(true);
    expect(report.granted).toBe(false);
    expect(report.permissionCheck).toBe(false);
    expect(report.csp).toEqual([RENDERER_CSP]);
    // Unpackaged (dev, tests): Electron's default menu and DevTools stay.
    expect(report.menu).toBe('default');
    expect(report.webPreferences.devTools).toBe(true);
  });

  it('a packaged build has no DevTools and a minimal menu without a View menu', () => {
    const packagedDir = mkdtempSync(join(tmpdir(), 'lw-main-glue-packaged-'));
    try {
      const report = runMain(packagedDir, { FAKE_PACKAGED: '1' });
      expect(report.shown).toBe(true);
      expect(report.webPreferences.devTools).toBe(false);
      const text = JSON.stringify(report.menu);
      expect(text).toContain('"paste"');
      expect(text).toContain('"quit"');
      expect(text).not.toMatch(/toggleDevTools|reload|"View"/i);
    } finally {
      rmSync(packagedDir, { recursive: true, force: true });
    }
  });

  it('with no D-Bus (real keytar, bus address pointing nowhere) the window opens and says what is missing', () => {
    const noBusDir = mkdtempSync(join(tmpdir(), 'lw-main-glue-nobus-'));
    try {
      const { DISPLAY: _display, WAYLAND_DISPLAY: _wayland, ...env } = process.env;
      const report = runMain(
        noBusDir,
        { LW_SECRET_BACKEND: '', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/lw-no-bus' },
        env,
      );
      expect(report.errorBox).toBeNull();
      expect(report.shown).toBe(true);
      expect(report.info.ok).toBe(true);
      expect(report.info.value.secretBackend).toBe('keychain');
      const keychain = report.info.value.problems.find((p: { area: string }) => p.area === 'keychain');
      expect(keychain).toMatchObject({ code: 'keychain.unavailable' });
      expect(keychain.message).toMatch(/D-Bus|Secret Service|keychain module/);
      expect(keychain.message).toMatch(/gnome-keyring/);
      expect(keychain.message).toMatch(/staging keys is disabled/);
    } finally {
      rmSync(noBusDir, { recursive: true, force: true });
    }
  });
});

function runMain(userDataDir: string, env: Record<string, string>, baseEnv: NodeJS.ProcessEnv = process.env) {
  const out = execFileSync(process.execPath, [join(__dirname, 'fixtures/main-with-fake-electron.cjs')], {
    env: {
      ...baseEnv,
      LW_TEST_MODE: '1',
      LW_USER_DATA_DIR: userDataDir,
      LW_SECRET_BACKEND: 'memory',
      LW_LANGWATCH_URL: 'http://127.0.0.1:9',
      LW_ANTHROPIC_URL: 'http://127.0.0.1:9',
      ...env,
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronDistOf } from '../../../scripts/packaging/builder';

const ROOT = join(__dirname, '../../..');

describe('npm run package', () => {
  it('without an Electron binary: says so, how to get one, and exits non-zero before building anything', () => {
    // ELECTRON_EXEC_PATH pointing nowhere makes "no binary" certain, also where one is installed.
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/package.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_EXEC_PATH: join(ROOT, '.tmp', 'no-such-electron') },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cannot build installers: the Electron binary is not installed');
    expect(run.stderr).toContain('npx install-electron');
    expect(run.stderr).toContain('npm run package -- --dir-check');
    expect(run.stdout).not.toContain('electron-builder');
  });

  it('copies Electron from the folder that holds the executable (Electron.app on macOS)', () => {
    expect(electronDistOf('/p/node_modules/electron/dist/electron', 'linux')).toBe('/p/node_modules/electron/dist');
    expect(electronDistOf('/p/node_modules/electron/dist/Electron.app/Contents/MacOS/Electron', 'darwin')).toBe(
      '/p/node_modules/electron/dist',
    );
  });
});

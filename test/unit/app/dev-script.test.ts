import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ELECTRON_MISSING_HELP } from '../../../scripts/electron-binary';

const ROOT = join(__dirname, '../../..');

// `npm run dev` without the Electron binary: the same help as `npm start`, a non-zero exit, and
// no dev server left running (it stops before building or spawning anything).
describe('npm run dev without the Electron binary', () => {
  it('prints how to get the binary and exits with code 3', () => {
    const proc = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/dev.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_EXEC_PATH: join(ROOT, '.tmp/no-such-electron') },
      timeout: 60_000,
    });
    expect(proc.status).toBe(3);
    expect(proc.stderr).toContain(ELECTRON_MISSING_HELP);
  }, 90_000);
});

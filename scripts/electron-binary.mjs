// Finds the Electron executable without require('electron') (which, from v42, starts a
// download and throws offline). Shared by `npm start` and `npm run demo`.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const ELECTRON_MISSING_HELP = [
  'The Electron binary is not installed, so the desktop window cannot open on this machine.',
  'npm installs the electron package without its binary where only the npm registry is reachable.',
  'Ways out:',
  '  - on a machine with internet access: `npx install-electron` (or reinstall node_modules), then run this again;',
  '  - or point ELECTRON_EXEC_PATH at an Electron 45 executable you have;',
  '  - meanwhile `npm test` exercises the same renderer and main-process code in Chromium (the e2e harness).',
].join('\n');

export function electronBinary() {
  if (process.env.ELECTRON_EXEC_PATH) return existsSync(process.env.ELECTRON_EXEC_PATH) ? process.env.ELECTRON_EXEC_PATH : null;
  let dir;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathTxt = join(dir, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const exe = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

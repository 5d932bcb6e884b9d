import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Finding the Electron executable without require('electron'): from v42 that starts a
// download (and throws offline). Shared by `npm start`, `npm run demo` and the Electron specs.

/** Why the Electron specs are skipped where npm could not fetch the binary. */
export const ELECTRON_MISSING_REASON =
  'Electron binary not installed (npm could not download it: offline registry-only machine). ' +
  'The Electron specs are SKIPPED; the same journeys run in the Chromium harness. ' +
  'Set ELECTRON_EXEC_PATH or install the binary (npx install-electron) to run them.';

/** What `npm start` / `npm run demo` print when there is no binary, with the ways out. */
export const ELECTRON_MISSING_HELP = [
  'The Electron binary is not installed, so the desktop window cannot open on this machine.',
  'npm installs the electron package without its binary where only the npm registry is reachable.',
  'Ways out:',
  '  - on a machine with internet access: `npx install-electron` (or reinstall node_modules), then run this again;',
  '  - or point ELECTRON_EXEC_PATH at an Electron 45 executable you have;',
  '  - meanwhile `npm test` exercises the same renderer and main-process code in Chromium (the e2e harness).',
].join('\n');

/** The Electron executable, or null when it is not installed. */
export function electronBinary(): string | null {
  const fromEnv = process.env.ELECTRON_EXEC_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  let dir: string;
  try {
    dir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  // path.txt is written only after a successful binary download.
  const pathTxt = join(dir, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const exe = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Why the Electron specs are skipped on machines whose npm install could not fetch the binary. */
export const ELECTRON_MISSING_REASON =
  'Electron binary not installed (npm could not download it: offline registry-only machine). ' +
  'The Electron specs are SKIPPED; the same journeys run in the Chromium harness. ' +
  'Set ELECTRON_EXEC_PATH or install the binary (npx install-electron) to run them.';

/**
 * The Electron executable, or null when it is not installed. Never `require('electron')`:
 * from v42 that starts a download (and throws offline).
 */
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

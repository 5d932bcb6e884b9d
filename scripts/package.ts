// `npm run package`: builds the app and the installers for this OS (AppImage + deb on Linux,
// dmg on macOS, nsis on Windows) into dist/. electron-builder copies Electron from the binary
// npm installed (node_modules/electron/dist) instead of downloading it a second time.
//
// `npm run package -- --dir-check`: builds the unpacked Linux layout with a stand-in Electron
// into .tmp/package-check and judges it (the same rules as the packaging test). Works offline.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinary } from './electron-binary';
import { buildInstallers, buildStandInLayout, electronDistOf } from './packaging/builder';
import { ASAR_BUDGET_BYTES, judgeLayout } from './packaging/layout-rules';
import { readFuses, readLayoutFacts } from './packaging/stand-in';

const root = join(__dirname, '..');

/** What `npm run package` prints where there is no Electron binary to package. */
export const PACKAGE_NEEDS_ELECTRON = [
  'npm run package: cannot build installers: the Electron binary is not installed.',
  'Installers contain Electron itself, and npm installs the electron package without its binary',
  'where only the npm registry is reachable (as on this machine). Ways out:',
  '  - on a machine with internet access: `npx install-electron` (downloads Electron into',
  '    node_modules/electron/dist), then `npm run package` again;',
  '  - or set ELECTRON_EXEC_PATH to the executable of an unpacked Electron 45.5.0 for this OS;',
  '  - or let the release workflow build them (.github/workflows/release.yml).',
  'To check the packaging pipeline without Electron: `npm run package -- --dir-check`.',
].join('\n');

function buildApp(): void {
  const result = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) throw new Error('electron-vite build failed');
}

async function dirCheck(): Promise<number> {
  // Kept after the run for inspection; replaced by the next one.
  const work = join(root, '.tmp', 'package-check');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const layout = await buildStandInLayout(root, work);
  const facts = readLayoutFacts(layout.resourcesDir, root);
  const problems = judgeLayout(facts);
  const fuses = readFuses(layout.executable);
  console.log(`\n[package] stand-in layout: ${layout.appOutDir}`);
  console.log(
    `[package] app.asar: ${facts.asarFiles.length} files, ${(facts.asarBytes / 2 ** 20).toFixed(1)} MiB (budget ${ASAR_BUDGET_BYTES / 2 ** 20} MiB); unpacked: ${facts.unpackedFiles.join(', ')}`,
  );
  console.log(
    `[package] fuses: ${Object.entries(fuses)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
  if (problems.length === 0) {
    console.log('[package] layout OK: built output present, keytar unpacked, no dev files, within the size budget');
    return 0;
  }
  console.error(`[package] layout has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return 1;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--dir-check')) {
    buildApp();
    return dirCheck();
  }
  const binary = electronBinary();
  if (!binary) {
    console.error(PACKAGE_NEEDS_ELECTRON);
    return 2;
  }
  buildApp();
  const artifacts = await buildInstallers(root, electronDistOf(binary));
  console.log(`[package] installers:\n${artifacts.map((a) => `  ${a}`).join('\n')}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[package] failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);

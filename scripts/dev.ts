// `npm run dev`: electron-vite's dev mode for people who have the Electron binary: main and the
// preload are rebuilt and Electron restarted on every change (--watch). The window still loads
// the built renderer (the CSP and the IPC sender policy trust only that file), so the renderer
// is built once first; rerun after renderer changes. Without the binary it says so and how to
// get it, like `npm start`, and exits with code 3.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary, ELECTRON_MISSING_HELP } from './electron-binary';

const root = join(__dirname, '..');
const exe = electronBinary();
if (!exe) {
  console.error(`\n${ELECTRON_MISSING_HELP}\n`);
  process.exit(3);
}
const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const args = ['electron-vite', 'dev', '--watch'];
if (process.getuid?.() === 0) args.push('--noSandbox'); // Chromium refuses its sandbox as root
if (process.argv.length > 2) args.push('--', ...process.argv.slice(2));
// electron-vite finds the executable through ELECTRON_EXEC_PATH first, so it uses the same one.
const child = spawn('npx', args, { cwd: root, stdio: 'inherit', env: { ...process.env, ELECTRON_EXEC_PATH: exe } });
child.on('exit', (code) => process.exit(code ?? 0));

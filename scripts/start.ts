// `npm start`: builds the console and launches it in Electron. Where the Electron binary is
// missing (offline installs), says so and how to get it, and exits with code 3.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary, ELECTRON_MISSING_HELP } from './electron-binary';

const root = join(__dirname, '..');
const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const exe = electronBinary();
if (!exe) {
  console.error(`\n${ELECTRON_MISSING_HELP}\n`);
  process.exit(3);
}
const args = ['out/main/index.js', ...process.argv.slice(2)];
if (process.getuid?.() === 0) args.push('--no-sandbox'); // Chromium refuses its sandbox as root
const child = spawn(exe, args, { cwd: root, stdio: 'inherit', env: process.env });
child.on('exit', (code) => process.exit(code ?? 0));

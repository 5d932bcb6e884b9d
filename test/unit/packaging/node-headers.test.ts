import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = join(__dirname, '../../../scripts/node-headers.sh');
const [MAJOR, MINOR, PATCH] = process.versions.node.split('.');

// scripts/node-headers.sh decides where node-gyp takes Node's headers from (setup.sh exports it
// as npm_config_nodedir, so keytar builds offline). Each case runs it as a new user (empty HOME)
// with a fake Node prefix: <prefix>/bin/node forwards to this Node, <prefix>/include/node is ours.
// The real offline build is checked by scripts/check-offline-keytar.sh (needs root, ~20 s).
// Not on Windows: the fake prefix is a POSIX shell wrapper, and setup.sh's keytar build is for Linux/macOS.
describe.skipIf(process.platform === 'win32')('node-headers.sh', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  function fakePrefix(headerVersion: string | null): string {
    const prefix = mkdtempSync(join(tmpdir(), 'lw-node-prefix-'));
    dirs.push(prefix);
    mkdirSync(join(prefix, 'bin'));
    writeFileSync(join(prefix, 'bin', 'node'), `#!/bin/sh\nexec "${process.execPath}" "$@"\n`, { mode: 0o755 });
    if (headerVersion) {
      const [major, minor, patch] = headerVersion.split('.');
      mkdirSync(join(prefix, 'include', 'node'), { recursive: true });
      writeFileSync(
        join(prefix, 'include', 'node', 'node_version.h'),
        `#define NODE_MAJOR_VERSION ${major}\n#define NODE_MINOR_VERSION ${minor}\n#define NODE_PATCH_VERSION ${patch}\n`,
      );
    }
    return prefix;
  }

  function run(prefix: string, env: Record<string, string> = {}) {
    const home = mkdtempSync(join(tmpdir(), 'lw-home-'));
    dirs.push(home);
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k)));
    return spawnSync('bash', [SCRIPT], {
      encoding: 'utf8',
      env: { ...base, HOME: home, XDG_CACHE_HOME: '', PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, ...env },
    });
  }

  it('points at the prefix whose include/node matches the running Node', () => {
    const prefix = fakePrefix(`${MAJOR}.${MINOR}.${PATCH}`);
    const result = run(prefix);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(prefix);
  });

  it('says what to install when the Node has no headers', () => {
    const result = run(fakePrefix(null));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('would download them from nodejs.org');
    expect(result.stderr).toContain('apt-get install libnode-dev');
  });

  it('refuses headers of another Node version', () => {
    const result = run(fakePrefix('1.2.3'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('is for Node 1.2.3');
  });

  it('leaves an npm that already has a nodedir alone', () => {
    const result = run(fakePrefix(null), { npm_config_nodedir: '/opt/node' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
  });
});

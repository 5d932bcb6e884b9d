import { extractFile } from '@electron/asar';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config, { RUNTIME_PACKAGES } from '../../../electron-builder.config';
import { buildStandInLayout, type UnpackedLayout } from '../../../scripts/packaging/builder';
import { judgeLayout, shippedPackagesOf, type LayoutFacts } from '../../../scripts/packaging/layout-rules';
import { FUSE_NAMES, readFuses, readLayoutFacts } from '../../../scripts/packaging/stand-in';

const ROOT = join(__dirname, '../../..');

// The real packaging pipeline (electron-builder: file selection, asar, asarUnpack, fuses) run
// offline over the current out/ and node_modules with a stand-in Electron executable, then the
// layout judged with @electron/asar. `npm test` builds out/ before the unit tests.
describe('packaged layout (electron-builder, stand-in Electron)', () => {
  let work: string;
  let layout: UnpackedLayout;
  let facts: LayoutFacts;
  let buildError: string | undefined;

  beforeAll(async () => {
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    work = mkdtempSync(join(ROOT, '.tmp', 'package-test-'));
    try {
      layout = await buildStandInLayout(ROOT, work);
      facts = readLayoutFacts(layout.resourcesDir, ROOT);
    } catch (err) {
      // electron-builder refuses a layout without out/main/index.js: report it as a failure, not a skip.
      buildError = err instanceof Error ? err.message : String(err);
    }
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('ships the built app, keytar unpacked, nothing from development, within the size budget', () => {
    expect(buildError, 'electron-builder failed (is out/ built? `npm run build`)').toBeUndefined();
    expect(judgeLayout(facts)).toEqual([]);
    // Sanity that the facts are real, so an empty finding list means something.
    expect(facts.asarFiles).toContain('out/main/index.js');
    expect(facts.mainRequires).toEqual(expect.arrayContaining(['keytar', 'undici', 'zod']));
    expect(facts.asarBytes).toBeGreaterThan(1_000_000);
  });

  it("ships exactly the runtime require closure of the built main bundle: no install-time code (keytar's prebuild-install...)", () => {
    const shipped = shippedPackagesOf([...facts.asarFiles, ...facts.unpackedFiles]);
    expect(facts.runtimePackages).toEqual(['croner', 'keytar', 'undici', 'zod']);
    expect(shipped).toEqual(facts.runtimePackages);
    expect([...RUNTIME_PACKAGES].sort()).toEqual(facts.runtimePackages);
    for (const installOnly of ['prebuild-install', 'node-addon-api', 'tar-fs', 'simple-get', 'rc', 'minimist'])
      expect(shipped, installOnly).not.toContain(installOnly);
  });

  it('leaves out packages that the bundles already contain and every TypeScript source', () => {
    const packages = new Set(facts.asarFiles.filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/')[1]));
    for (const bundled of ['react', 'react-dom', 'zustand', 'superjson', '@trpc'])
      expect(packages.has(bundled), bundled).toBe(false);
    expect(facts.asarFiles.filter((f) => /\.(ts|mts|cts|tsx)$/.test(f))).toEqual([]);
  });

  it('ships a package.json with the same name (so the same user-data folder) and no scripts or devDependencies', () => {
    const shipped = JSON.parse(
      extractFile(join(layout.resourcesDir, 'app.asar'), 'package.json').toString('utf8'),
    ) as Record<string, unknown>;
    expect(shipped.name).toBe('langwatch-ingestion-console');
    expect(shipped.main).toBe('out/main/index.js');
    expect(shipped).not.toHaveProperty('scripts');
    expect(shipped).not.toHaveProperty('devDependencies');
  });

  it('renames the executable, so the installed app runs in production mode (app.isPackaged)', () => {
    // Electron's app.isPackaged is "the executable is not called electron(.exe)"; main keys
    // its production behaviour (no DevTools, minimal menu) on it.
    expect(existsSync(layout.executable)).toBe(true);
    expect(existsSync(join(layout.appOutDir, 'electron'))).toBe(false);
    expect(basename(layout.executable).toLowerCase()).not.toBe('electron');
  });

  it('flips the production fuses on the executable', () => {
    const fuses = readFuses(layout.executable);
    const wanted = config.electronFuses as Partial<Record<(typeof FUSE_NAMES)[number], boolean>>;
    for (const name of FUSE_NAMES) if (wanted[name] !== undefined) expect(fuses[name], name).toBe(wanted[name]);
    expect(fuses).toMatchObject({
      runAsNode: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('loads the unpacked keytar in Node (N-API, no rebuild for Electron)', () => {
    const keytar = join(layout.resourcesDir, 'app.asar.unpacked', 'node_modules', 'keytar');
    // A child process, so this test's process never holds a second copy of the addon.
    const probe = spawnSync(
      process.execPath,
      ['-e', 'const k = require(process.argv[1]); console.log(Object.keys(k).sort().join(","))', keytar],
      { encoding: 'utf8' },
    );
    expect(probe.stderr).toBe('');
    expect(probe.stdout.trim()).toBe('deletePassword,findCredentials,findPassword,getPassword,setPassword');
  });

  it('the same rules catch the real layout with keytar packed, a dev folder added, or main missing', () => {
    const keytarPacked = judgeLayout({ ...facts, unpackedFiles: [] });
    expect(keytarPacked).toContain(
      'native module not unpacked: node_modules/keytar/build/Release/keytar.node must be in app.asar.unpacked (asarUnpack)',
    );
    expect(judgeLayout({ ...facts, asarFiles: [...facts.asarFiles, 'src-main/index.ts'] })).toEqual([
      'development folder shipped: src-main/',
    ]);
    expect(judgeLayout({ ...facts, asarFiles: facts.asarFiles.filter((f) => f !== 'out/main/index.js') })[0]).toContain(
      'built output missing from app.asar: out/main/index.js',
    );
  });
});

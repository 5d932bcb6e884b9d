import { describe, expect, it } from 'vitest';
import {
  ASAR_BUDGET_BYTES,
  bundleRequires,
  judgeLayout,
  packageNameOf,
  shippedPackagesOf,
  type LayoutFacts,
} from '../../../scripts/packaging/layout-rules';

// The packaging rules over hand-made file lists: a good layout passes, and each kind of bad
// layout (missing build, keytar packed, dev folder, source map, devDependency, size) is caught.
const GOOD: LayoutFacts = {
  asarFiles: [
    'package.json',
    'out/main/index.js',
    'out/preload/preload.js',
    'out/renderer/index.html',
    'out/renderer/assets/index-abc.js',
    'node_modules/zod/package.json',
    'node_modules/keytar/package.json',
    'node_modules/keytar/lib/keytar.js',
    'node_modules/keytar/build/Release/keytar.node',
  ],
  unpackedFiles: ['node_modules/keytar/build/Release/keytar.node', 'node_modules/keytar/package.json'],
  asarBytes: 6_000_000,
  devDependencies: ['vitest', 'electron', '@electron/asar'],
  mainRequires: ['keytar', 'zod'],
  runtimePackages: ['keytar', 'zod'],
};

const with_ = (patch: Partial<LayoutFacts>): LayoutFacts => ({ ...GOOD, ...patch });

describe('judgeLayout', () => {
  it('passes a complete layout', () => {
    expect(judgeLayout(GOOD)).toEqual([]);
  });

  it.each(['out/main/index.js', 'out/preload/preload.js', 'out/renderer/index.html'])(
    'fails when built output %s is missing',
    (file) => {
      expect(judgeLayout(with_({ asarFiles: GOOD.asarFiles.filter((f) => f !== file) }))).toEqual([
        expect.stringContaining(`built output missing from app.asar: ${file}`),
      ]);
    },
  );

  it('fails when the renderer has no script', () => {
    const problems = judgeLayout(
      with_({ asarFiles: GOOD.asarFiles.filter((f) => !f.startsWith('out/renderer/assets/')) }),
    );
    expect(problems).toEqual([expect.stringContaining('the renderer script')]);
  });

  it('fails when keytar is packed instead of unpacked', () => {
    const problems = judgeLayout(with_({ unpackedFiles: [] }));
    expect(problems).toContain(
      'native module not unpacked: node_modules/keytar/build/Release/keytar.node must be in app.asar.unpacked (asarUnpack)',
    );
    expect(problems).toContain(
      'native module packed inside app.asar, where it cannot load: node_modules/keytar/build/Release/keytar.node',
    );
  });

  it.each([
    'src-main/index.ts',
    'src-preload/preload.ts',
    'src-shared/errors.ts',
    'src-renderer/App.tsx',
    'test/unit/x.test.ts',
    'e2e/harness/a.spec.ts',
    'emulator/index.ts',
    'bench/run.ts',
    'scripts/setup.sh',
    '.tmp/vitest-unit.json',
  ])('fails when a development file ships: %s', (file) => {
    const top = file.split('/')[0];
    expect(judgeLayout(with_({ asarFiles: [...GOOD.asarFiles, file] }))).toContain(
      `development folder shipped: ${top}/`,
    );
  });

  it('fails on an unknown top-level entry, a source map, or a scratch folder deeper down', () => {
    const problems = judgeLayout(
      with_({ asarFiles: [...GOOD.asarFiles, 'README.md', 'out/main/index.js.map', 'node_modules/zod/.tmp/x'] }),
    );
    expect(problems).toEqual([
      'unexpected top-level entry shipped: README.md',
      'source map shipped: out/main/index.js.map',
      'scratch file shipped: node_modules/zod/.tmp/x',
    ]);
  });

  it('fails when a devDependency ships, scoped or not', () => {
    const problems = judgeLayout(
      with_({
        asarFiles: [...GOOD.asarFiles, 'node_modules/vitest/package.json', 'node_modules/@electron/asar/lib/asar.js'],
      }),
    );
    expect(problems).toEqual([
      'devDependency shipped: node_modules/vitest',
      'devDependency shipped: node_modules/@electron/asar',
    ]);
  });

  it('fails when a package main loads at run time is left out (required by main, or by one of its packages)', () => {
    expect(judgeLayout(with_({ mainRequires: ['keytar', 'zod', 'undici'] }))).toEqual([
      'the main process loads undici at run time, but node_modules/undici is not in app.asar',
    ]);
    expect(judgeLayout(with_({ runtimePackages: ['keytar', 'zod', 'zod-helper'] }))).toEqual([
      'the main process loads zod-helper at run time, but node_modules/zod-helper is not in app.asar',
    ]);
  });

  it("fails when a package ships that main never loads (keytar's install-time dependencies), nested ones too", () => {
    const problems = judgeLayout(
      with_({
        asarFiles: [
          ...GOOD.asarFiles,
          'node_modules/prebuild-install/package.json',
          'node_modules/keytar/node_modules/node-addon-api/napi.h',
          'node_modules/@scope/tool/index.js',
        ],
      }),
    );
    expect(problems).toEqual([
      expect.stringContaining('package shipped that main never loads at run time: node_modules/@scope/tool'),
      expect.stringContaining('package shipped that main never loads at run time: node_modules/node-addon-api'),
      expect.stringContaining('package shipped that main never loads at run time: node_modules/prebuild-install'),
    ]);
  });

  it('fails over the size budget', () => {
    expect(judgeLayout(with_({ asarBytes: ASAR_BUDGET_BYTES + 1 }))).toEqual([
      expect.stringContaining('over the 10.0 MiB budget'),
    ]);
  });
});

describe('shippedPackagesOf', () => {
  it('names every package along a path, scoped or nested, and ignores files named like a scope', () => {
    expect(
      shippedPackagesOf([
        'node_modules/a/index.js',
        'node_modules/a/node_modules/@s/b/package.json',
        'node_modules/@s/c/lib/x.js',
        'node_modules/@weird-file',
        'node_modules/.package-lock.json',
        'out/main/index.js',
      ]),
    ).toEqual(['@s/b', '@s/c', 'a']);
  });
});

describe('bundleRequires / packageNameOf', () => {
  it('keeps package names, drops electron, built-ins and relative paths', () => {
    const source =
      'require("electron");require("node:fs");require("path");require("./x");require("zod");require("zod/v4");require("@trpc/server/http");';
    expect(bundleRequires(source, ['path', 'fs'])).toEqual(['@trpc/server', 'zod']);
    expect(packageNameOf('@scope/name/deep/file.js')).toBe('@scope/name');
    expect(packageNameOf('name/deep')).toBe('name');
  });
});

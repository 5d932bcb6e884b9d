import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher';
import { describe, expect, it } from 'vitest';
import config, { RUNTIME_PACKAGES } from '../../../electron-builder.config';

const ROOT = join(__dirname, '../../..');

/** The production dependency tree as electron-builder's collector offers it to the filters: every package reachable through `dependencies`. */
function productionTree(): string[] {
  const seen = new Set<string>();
  const read = (dir: string) =>
    JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const queue = Object.keys(read(ROOT).dependencies ?? {});
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const dir = join(ROOT, 'node_modules', name);
    if (existsSync(join(dir, 'package.json'))) queue.push(...Object.keys(read(dir).dependencies ?? {}));
  }
  return [...seen].sort();
}

/**
 * Whether electron-builder's own matcher copies a node_modules file: electron-builder 26 judges
 * each module file by its place in the app (`node_modules/<name>/...`) against "every file" followed
 * by the config's `files` patterns, in order (as seen in its copier on a stand-in build).
 */
function copies(relativePath: string): boolean {
  const matcher = new FileMatcher(ROOT, '/app', (s: string) => s, ['**/*', ...(config.files as string[])]);
  const filter = matcher.createFilter();
  // As NodeModuleCopyHelper does: the path a module file is judged by is its place in the app.
  const stat = { isDirectory: () => false, moduleFullFilePath: relativePath };
  return filter(join(ROOT, relativePath), stat as never);
}

// Where npm installs the whole tree (a real checkout; this sandbox's collector sees less), keytar
// brings 36 install-time packages (prebuild-install, tar-fs, simple-get, rc, minimist...). The
// config's filters, applied by electron-builder's matcher, must let through only RUNTIME_PACKAGES.
describe('electron-builder file filters', () => {
  it("copy only the runtime packages out of the whole production tree (keytar's install-time tree stays out)", () => {
    const tree = productionTree();
    expect(tree).toEqual(expect.arrayContaining(['keytar', 'prebuild-install', 'tar-fs', 'simple-get', 'react']));
    expect(tree.length).toBeGreaterThanOrEqual(40);
    const copied = tree.filter((name) => copies(`node_modules/${name}/package.json`));
    expect(copied).toEqual([...RUNTIME_PACKAGES].sort());
  });

  it("keep a runtime package's files, but not its TypeScript sources, maps or nested node_modules", () => {
    expect(copies('node_modules/keytar/lib/keytar.js')).toBe(true);
    expect(copies('node_modules/keytar/build/Release/keytar.node')).toBe(true);
    expect(copies('node_modules/zod/v4/core/index.cjs')).toBe(true);
    expect(copies('node_modules/zod/src/index.ts')).toBe(false);
    expect(copies('node_modules/undici/index.js.map')).toBe(false);
    expect(copies('node_modules/keytar/node_modules/node-addon-api/package.json')).toBe(false);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packagesLoadedBy, runtimeClosure } from '../../../scripts/packaging/runtime-closure';

// The runtime closure over a hand-made node_modules: what code loads counts, what a
// package.json merely lists (install-time tools) does not.
const root = mkdtempSync(join(tmpdir(), 'closure-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('runtimeClosure', () => {
  write('node_modules/native/package.json', '{"name":"native","dependencies":{"prebuild-install":"^7"}}');
  write('node_modules/native/lib/native.js', 'module.exports = require("../build/Release/native.node");');
  write('node_modules/prebuild-install/package.json', '{"name":"prebuild-install"}');
  write('node_modules/prebuild-install/index.js', 'require("tar-fs");');
  write('node_modules/http-lib/package.json', '{"name":"http-lib"}');
  write('node_modules/http-lib/index.js', 'const a = require("node:net"); const h = require("@s/helper/sub");');
  write('node_modules/@s/helper/package.json', '{"name":"@s/helper"}');
  write('node_modules/@s/helper/sub/index.mjs', 'import { x } from "nested";\nexport * from "@s/helper/other";');
  write('node_modules/@s/helper/node_modules/nested/package.json', '{"name":"nested"}');
  write('node_modules/@s/helper/node_modules/nested/index.js', 'import("fs");');

  it("follows code, not package.json: keytar's install-time tools stay out; nested and scoped packages count", () => {
    const main = 'require("electron");require("node:fs");require("native");require("http-lib");';
    expect(runtimeClosure(main, root)).toEqual(['@s/helper', 'http-lib', 'native', 'nested']);
  });

  it('keeps a package it cannot find, so a missing dependency is reported, not hidden', () => {
    expect(runtimeClosure('require("gone");', root)).toEqual(['gone']);
  });

  it('reads require, dynamic import, import-from and bare import; leaves out built-ins, relative paths and itself', () => {
    const source =
      'require("a");import("b/x");import c from "c";import "d";export * from "./e";require("path");require("self/sub");';
    expect(packagesLoadedBy(source, 'self').sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});

// The packages the built main process can load at run time: the bare specifiers its bundle
// require()s, then, package by package, every bare specifier any of their JavaScript files
// require()s or imports (conservative: a file that is never loaded still counts). What keytar
// needs only while npm installs it (prebuild-install and its helpers) is in its package.json,
// not in its code, so it is not in the closure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { bundleRequires, packageNameOf } from './layout-rules';

const JS_FILE = /\.(c|m)?js$/;
/** require("x"), require('x'), import("x"), `from "x"` and bare `import "x"`. */
const SPECIFIER = /(?:require\s*\(\s*|import\s*\(\s*|\bfrom\s+|\bimport\s+)(["'])([^"'\n]+)\1/g;

/** The bare, non-built-in package names a source file loads (relative paths and itself left out). */
export function packagesLoadedBy(source: string, self?: string): string[] {
  const builtin = new Set(builtinModules);
  const names = [...source.matchAll(SPECIFIER)]
    .map((m) => m[2]!)
    .filter((id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('node:') && !builtin.has(id))
    .map(packageNameOf)
    .filter((name) => name !== self && name !== 'electron' && !builtin.has(name));
  return [...new Set(names)];
}

/** Where `name` resolves from a package folder (its own node_modules first, then upwards). */
function resolvePackage(name: string, fromDir: string, root: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return null;
  }
}

function jsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue; // nested packages are packages of their own
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...jsFiles(full));
    else if (JS_FILE.test(entry.name)) out.push(full);
  }
  return out;
}

/**
 * The runtime closure of a main bundle, as package names (sorted). A package that cannot be
 * found is kept in the closure, so a missing dependency is reported, not hidden.
 */
export function runtimeClosure(mainSource: string, projectDir: string): string[] {
  const seen = new Set<string>();
  const queue: Array<{ name: string; from: string }> = bundleRequires(mainSource, builtinModules).map((name) => ({
    name,
    from: projectDir,
  }));
  while (queue.length > 0) {
    const { name, from } = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const dir = resolvePackage(name, from, projectDir);
    if (!dir) continue;
    for (const file of jsFiles(dir))
      for (const dep of packagesLoadedBy(readFileSync(file, 'utf8'), name)) queue.push({ name: dep, from: dir });
  }
  return [...seen].sort();
}

// Import cycles in the production code, for the `local/no-import-cycle` lint rule and its test.
// A cycle means neither module can be read, tested or moved without the other: the shared
// piece belongs in its own file. Type-only imports count too (issue 21): they are erased at
// run time, but a reader still has to hold both files at once.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** The folders whose modules must form no cycle. */
export const CYCLE_FOLDERS = ['src-main', 'src-preload', 'src-renderer', 'src-shared', 'emulator'];
const SOURCE = /\.(ts|tsx|mts)$/;
const CANDIDATES = ['', '.ts', '.tsx', '.mts', '/index.ts', '/index.tsx'];

/** The relative module names a source text imports or re-exports, with their lines. */
export function moduleImports(fileName, text) {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const out = [];
  for (const st of sf.statements) {
    if (!(ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) || !st.moduleSpecifier) continue;
    if (!ts.isStringLiteral(st.moduleSpecifier) || !st.moduleSpecifier.text.startsWith('.')) continue;
    out.push({ specifier: st.moduleSpecifier.text, line: sf.getLineAndCharacterOfPosition(st.getStart(sf)).line + 1 });
  }
  return out;
}

/** The file a relative specifier names, or null when it names none (a bundler asset, say). */
export function resolveImport(fromFile, specifier) {
  const base = resolve(dirname(fromFile), specifier.replace(/\.js$/, ''));
  for (const ext of CANDIDATES) {
    const path = base + ext;
    if (SOURCE.test(path) && existsSync(path) && statSync(path).isFile()) return path;
  }
  return null;
}

function sourceFiles(root) {
  return CYCLE_FOLDERS.filter((f) => existsSync(join(root, f))).flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((f) => SOURCE.test(f) && !f.endsWith('.d.ts'))
      .map((f) => join(root, folder, f)),
  );
}

/** file → the files it imports, over CYCLE_FOLDERS. */
export function importGraph(root) {
  const graph = new Map();
  for (const file of sourceFiles(root)) {
    const targets = moduleImports(file, readFileSync(file, 'utf8'))
      .map((i) => resolveImport(file, i.specifier))
      .filter((t) => t !== null);
    graph.set(file, new Set(targets));
  }
  return graph;
}

/** The strongly connected components with more than one file (Tarjan): each one is a cycle. */
export function cycles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.has(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** Cycles as repository-relative paths, for messages and tests. */
export function cyclesIn(root) {
  return cycles(importGraph(root)).map((c) => c.map((f) => relative(root, f).split('\\').join('/')));
}

/** The service folder (`src-main/services/<name>`) a file belongs to, or null. */
export function serviceFolder(root, file) {
  const parts = relative(root, file).split(/[\\/]/);
  return parts[0] === 'src-main' && parts[1] === 'services' && parts.length > 3 ? parts.slice(0, 3).join('/') : null;
}

/** Service folders that import each other (logging ↔ secrets was one): each should depend one way. */
export function folderGraph(root, graph) {
  const folders = new Map();
  for (const [file, targets] of graph) {
    const from = serviceFolder(root, file);
    if (!from) continue;
    if (!folders.has(from)) folders.set(from, new Set());
    for (const t of targets) {
      const to = serviceFolder(root, t);
      if (to && to !== from) folders.get(from).add(to);
    }
  }
  return folders;
}

/**
 * For the lint rule: file → the cycle it is in, and service folder → the folder cycle it is in,
 * built once per `ttlMs` (a lint run reads the tree once, an editor's server sees new edits).
 */
let cached = null;
export function cycleIndex(root, ttlMs = 30_000) {
  if (cached && cached.root === root && Date.now() - cached.at < ttlMs) return cached;
  const graph = importGraph(root);
  const byFile = new Map();
  for (const c of cycles(graph)) for (const f of c) byFile.set(f, c);
  const byFolder = new Map();
  for (const c of cycles(folderGraph(root, graph))) for (const f of c) byFolder.set(f, c);
  cached = { root, at: Date.now(), byFile, byFolder };
  return cached;
}

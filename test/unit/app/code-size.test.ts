/**
 * The size budget of the production code (issue 13): no source file over 300 lines, no
 * function over 80 lines of its own. A function's own lines are its lines minus the bodies of
 * the functions written inside it, so a factory that returns ten small methods is measured by
 * its own wiring, and each method by itself. The only exceptions are flat switch tables, named
 * below with the reason; an exception that is no longer needed fails too, so the list stays true.
 *
 * A factory (a function named `create…` or `open…` that returns an object) is counted whole,
 * nested functions included, against its own limit (issue 21): a factory that is a long closure
 * is split into named top-level functions over an explicit state object instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');
const FOLDERS = ['src-main', 'src-preload', 'src-renderer', 'src-shared', 'emulator', 'scripts'];
const MAX_FILE_LINES = 300;
const MAX_OWN_LINES = 80;
const MAX_FACTORY_LINES = 120;

/** `file#function` → why it may be longer: only flat tables, one case per line group. */
const TABLES: Record<string, string> = {
  'src-main/services/outbox/transitions.ts#transition':
    'the outbox state machine: one switch case per event, each a few lines, read as a table',
};

interface Measured {
  where: string;
  ownLines: number;
  /** Set for a factory: its whole span, nested functions included. */
  wholeLines?: number;
}

function isFunction(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isConstructorDeclaration(node)
  );
}

function nameOf(node: ts.FunctionLikeDeclaration): string {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText();
  return '(anonymous)';
}

/** True for a function named `create…`/`open…` whose own body returns an object (a literal or a name). */
function isFactory(node: ts.FunctionLikeDeclaration, name: string): boolean {
  if (!/^(create|open)[A-Z]/.test(name) || !node.body) return false;
  let returnsObject = false;
  const visit = (child: ts.Node): void => {
    if (isFunction(child)) return; // a nested function's returns are its own
    if (ts.isReturnStatement(child) && child.expression) {
      let e: ts.Expression = child.expression;
      while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
      if (ts.isObjectLiteralExpression(e) || ts.isIdentifier(e)) returnsObject = true;
    }
    ts.forEachChild(child, visit);
  };
  if (ts.isBlock(node.body)) ts.forEachChild(node.body, visit);
  else {
    let e: ts.Expression = node.body;
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
    returnsObject = ts.isObjectLiteralExpression(e);
  }
  return returnsObject;
}

/** Every function of one source text with its own lines (see the header). */
export function measureFunctions(fileName: string, text: string): Measured[] {
  const kind = fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line;
  const span = (node: ts.Node) => lineOf(node.getEnd()) - lineOf(node.getStart()) + 1;
  const out: Measured[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunction(node)) {
      let own = span(node);
      // A nested function counts as one line (its first) in its parent.
      const subtractNested = (child: ts.Node): void => {
        if (isFunction(child)) own -= span(child) - 1;
        else ts.forEachChild(child, subtractNested);
      };
      ts.forEachChild(node, subtractNested);
      const name = nameOf(node);
      const where = `${fileName}#${name}:${lineOf(node.getStart()) + 1}`;
      out.push(isFactory(node, name) ? { where, ownLines: own, wholeLines: span(node) } : { where, ownLines: own });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
    }
  };
  for (const folder of FOLDERS) walk(join(ROOT, folder));
  return files.map((f) => relative(ROOT, f).split('\\').join('/'));
}

describe('the size budget of the production code', () => {
  const files = sourceFiles();

  it('walks the production folders', () => {
    for (const folder of FOLDERS)
      expect(
        files.some((f) => f.startsWith(`${folder}/`)),
        folder,
      ).toBe(true);
  });

  it(`no source file is over ${MAX_FILE_LINES} lines`, () => {
    const over = files
      .map((f) => ({ f, lines: readFileSync(join(ROOT, f), 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > MAX_FILE_LINES)
      .map(({ f, lines }) => `${f}: ${lines} lines`);
    expect(over).toEqual([]);
  });

  it(`no function has over ${MAX_OWN_LINES} lines of its own, except the named flat tables`, () => {
    const measured = files.flatMap((f) => measureFunctions(f, readFileSync(join(ROOT, f), 'utf8')));
    const key = (m: Measured) => m.where.replace(/:\d+$/, '');
    const over = measured.filter((m) => m.ownLines > MAX_OWN_LINES && !(key(m) in TABLES));
    expect(over.map((m) => `${m.where}: ${m.ownLines} own lines`)).toEqual([]);
    // Each exception is still there and still needed.
    for (const table of Object.keys(TABLES)) {
      const found = measured.find((m) => key(m) === table);
      expect(found, `${table} exists`).toBeDefined();
      expect(found!.ownLines, `${table} is still over the limit`).toBeGreaterThan(MAX_OWN_LINES);
    }
  });

  it(`no factory is over ${MAX_FACTORY_LINES} lines, counted whole with its nested functions`, () => {
    const measured = files.flatMap((f) => measureFunctions(f, readFileSync(join(ROOT, f), 'utf8')));
    const over = measured.filter((m) => (m.wholeLines ?? 0) > MAX_FACTORY_LINES);
    expect(over.map((m) => `${m.where}: ${m.wholeLines} lines`)).toEqual([]);
  });

  it('measures own lines: nested function bodies are not counted in the parent', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const text = [
      'export function factory() {',
      body(10),
      '  function inner() {',
      body(100),
      '  }',
      '  return { inner };',
      '}',
      'export function long() {',
      body(85),
      '}',
    ].join('\n');
    const m = Object.fromEntries(measureFunctions('x.ts', text).map((f) => [f.where.replace(/:\d+$/, ''), f.ownLines]));
    expect(m['x.ts#inner']).toBe(102);
    expect(m['x.ts#factory']).toBe(14);
    expect(m['x.ts#long']).toBe(87);
  });

  it('counts a factory whole: create/open functions that return an object', () => {
    const text = [
      'export function createThing() {',
      '  function inner() {',
      '    return 1;',
      '  }',
      '  return { inner };',
      '}',
      'export function openThing() {',
      '  const api = { a: 1 };',
      '  return api;',
      '}',
      'export function createId() {',
      "  return 'id';",
      '}',
      'export function makeThing() {',
      '  return { a: 1 };',
      '}',
    ].join('\n');
    const whole = Object.fromEntries(
      measureFunctions('x.ts', text).map((f) => [f.where.replace(/:\d+$/, ''), f.wholeLines]),
    );
    expect(whole).toEqual({
      'x.ts#createThing': 6,
      'x.ts#inner': undefined,
      'x.ts#openThing': 4,
      'x.ts#createId': undefined,
      'x.ts#makeThing': undefined,
    });
  });
});

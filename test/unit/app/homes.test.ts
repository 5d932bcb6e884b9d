/**
 * Things with one home (issue 21), counted in the source text so a second home fails here:
 * one look table per state kind (src-shared/domain/state-looks.ts), one tone union
 * (src-shared/domain/look.ts), CSS coloured by tone and never per state, state lists derived
 * rather than written out again, and one function that wipes a staged key
 * (src-main/services/outbox/wipe.ts; test/unit/outbox/wipe-home.test.ts checks its delete site),
 * and one renderer store per push event (the outbox list lives in stores/outbox-store.ts only).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { HEALTH_KINDS } from '../../../src-shared/domain/health-kind';
import { SourceStatus } from '../../../src-shared/domain/langwatch';
import { TONES } from '../../../src-shared/domain/look';
import { OutboxState } from '../../../src-shared/domain/outbox';
import { IPC_EVENTS } from '../../../src-shared/ipc/contract';

const ROOT = join(__dirname, '..', '..', '..');
const LOOKS = 'src-shared/domain/state-looks.ts';

function filesUnder(folders: string[], pattern: RegExp): { file: string; text: string }[] {
  return folders.flatMap((folder) =>
    readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
      .filter((f) => pattern.test(f) && !f.endsWith('.d.ts'))
      .map((f) => {
        const file = relative(ROOT, join(ROOT, folder, f))
          .split('\\')
          .join('/');
        return { file, text: readFileSync(join(ROOT, file), 'utf8') };
      }),
  );
}

const SOURCES = filesUnder(['src-main', 'src-preload', 'src-renderer', 'src-shared'], /\.(ts|tsx|mts)$/).map(
  ({ file, text }) => ({ file, text, sf: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true) }),
);

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

const sameSet = (a: Iterable<string>, b: Iterable<string>) => {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
};

function propertyName(p: ts.ObjectLiteralElementLike): string | null {
  if (!p.name) return null;
  if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) return p.name.text;
  return null;
}

/** `file:name` of every object literal whose keys are exactly `values` (a table over that kind). */
export function tablesOver(sources: typeof SOURCES, values: readonly string[]): string[] {
  const out: string[] = [];
  for (const { file, sf } of sources) {
    walk(sf, (n) => {
      if (!ts.isObjectLiteralExpression(n)) return;
      const keys = n.properties.map(propertyName);
      if (keys.some((k) => k === null) || !sameSet(keys as string[], values)) return;
      let owner: ts.Node = n;
      while (owner.parent && !ts.isVariableDeclaration(owner) && !ts.isPropertyAssignment(owner)) owner = owner.parent;
      const name = (owner as ts.VariableDeclaration).name;
      out.push(`${file}:${name && ts.isIdentifier(name) ? name.text : '?'}`);
    });
  }
  return out;
}

/** `file:name` of every type alias that spells the tones: as their literals, or from `TONES`. */
function toneUnions(sources: typeof SOURCES): string[] {
  const out: string[] = [];
  for (const { file, sf } of sources) {
    walk(sf, (n) => {
      if (!ts.isTypeAliasDeclaration(n)) return;
      const t = n.type;
      const literals = ts.isUnionTypeNode(t)
        ? t.types.flatMap((m) => (ts.isLiteralTypeNode(m) && ts.isStringLiteral(m.literal) ? [m.literal.text] : []))
        : [];
      if (sameSet(literals, TONES) || /\btypeof TONES\b/.test(t.getText(sf))) out.push(`${file}:${n.name.text}`);
    });
  }
  return out;
}

/** The distinct string literals of `values` a file names (as values or literal types). */
function literalsNamed(sf: ts.SourceFile, values: readonly string[]): Set<string> {
  const found = new Set<string>();
  walk(sf, (n) => {
    if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && values.includes(n.text)) found.add(n.text);
  });
  return found;
}

describe('one look table per state kind', () => {
  it.each([
    ['source status', SourceStatus.options, 'SOURCE_STATUS_LOOK'],
    ['outbox state', OutboxState.options, 'OUTBOX_STATE_LOOK'],
    ['health signal', HEALTH_KINDS, 'HEALTH_LOOK'],
  ] as const)('a %s has one table over its values, in state-looks.ts', (_, values, name) => {
    expect(tablesOver(SOURCES, values)).toEqual([`${LOOKS}:${name}`]);
  });

  it('the count sees a second table (a label map in a view)', () => {
    const text = "const SHORT: Record<string, string> = { awaiting_first_event: 'A', active: 'B', disabled: 'C' };";
    const sf = ts.createSourceFile('v.tsx', text, ts.ScriptTarget.Latest, true);
    expect(tablesOver([{ file: 'v.tsx', text, sf }], SourceStatus.options)).toEqual(['v.tsx:SHORT']);
  });
});

describe('one tone union', () => {
  it('Tone in look.ts is the only type that spells the tones', () => {
    expect(toneUnions(SOURCES)).toEqual(['src-shared/domain/look.ts:Tone']);
  });

  it('the CSS colours states by tone: a rule per tone, none per status or state', () => {
    const css = filesUnder(['src-renderer'], /\.css$/);
    const app = css.find((c) => c.file === 'src-renderer/styles/app.css')!.text;
    for (const tone of TONES) expect(app).toMatch(new RegExp(`^\\.tone-${tone} \\{`, 'm'));
    const perState = [...SourceStatus.options, ...OutboxState.options, 'archived', 'unknown'];
    const offending = css.flatMap(({ file, text }) =>
      perState.filter((v) => new RegExp(`\\.(status|state)-${v}\\b`).test(text)).map((v) => `${file}: ${v}`),
    );
    expect(offending).toEqual([]);
  });
});

describe('state lists are written once and derived elsewhere', () => {
  it('only langwatch.ts names every source status as a string', () => {
    const all = SOURCES.filter(
      ({ sf }) => literalsNamed(sf, SourceStatus.options).size === SourceStatus.options.length,
    );
    expect(all.map((s) => s.file)).toEqual(['src-shared/domain/langwatch.ts']);
  });

  it('no renderer file writes out a list of outbox states (three or more by name)', () => {
    const lists = SOURCES.filter(
      ({ file, sf }) => file.startsWith('src-renderer/') && literalsNamed(sf, OutboxState.options).size >= 3,
    );
    expect(lists.map((s) => s.file)).toEqual([]);
  });
});

describe('one wipe function', () => {
  it('wipeStagedKey in wipe.ts is the only function named for wiping', () => {
    const wipes: string[] = [];
    for (const { file, sf } of SOURCES) {
      walk(sf, (n) => {
        const named =
          (ts.isFunctionDeclaration(n) && n.name) ||
          (ts.isVariableDeclaration(n) &&
            n.initializer &&
            (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer)) &&
            ts.isIdentifier(n.name) &&
            n.name) ||
          (ts.isMethodDeclaration(n) && ts.isIdentifier(n.name) && n.name);
        if (named && /^wipe/i.test(named.text)) wipes.push(`${file}:${named.text}`);
      });
    }
    expect(wipes).toEqual(['src-main/services/outbox/wipe.ts:wipeStagedKey']);
  });
});

describe('one renderer home per push event', () => {
  /** `event -> files` of the renderer files that name a push event (to follow it). */
  function followers(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const { file, sf } of SOURCES) {
      if (!file.startsWith('src-renderer/')) continue;
      for (const name of literalsNamed(sf, Object.keys(IPC_EVENTS))) (out[name] ??= []).push(file);
    }
    return out;
  }

  it('each event is followed by one store, and the outbox list by the outbox store alone', () => {
    const byEvent = followers();
    expect(byEvent['outbox.changed']).toEqual(['src-renderer/stores/outbox-store.ts']);
    const shared = Object.entries(byEvent).filter(([, files]) => files.length > 1);
    expect(shared).toEqual([]);
    for (const files of Object.values(byEvent)) expect(files[0]).toMatch(/^src-renderer\/(stores|api)\//);
  });

  it('no other store keeps a list of outbox entries', () => {
    const holders = SOURCES.filter(
      ({ file, text }) =>
        file.startsWith('src-renderer/stores/') &&
        file !== 'src-renderer/stores/outbox-store.ts' &&
        /:\s*OutboxEntryView\[\]/.test(text),
    );
    expect(holders.map((h) => h.file)).toEqual([]);
  });
});

describe("the monitor's state is not called status", () => {
  it('the snapshot, the sources store and the monitor name it monitorState', () => {
    const text = (file: string) => SOURCES.find((s) => s.file === file)!.text;
    expect(text('src-shared/domain/sources.ts')).toMatch(/^\s+monitorState: MonitorState,$/m);
    expect(text('src-renderer/stores/sources-store.ts')).toMatch(/^\s+monitorState: MonitorState \| null;$/m);
    expect(text('src-main/services/sources/monitor-options.ts')).toMatch(/^\s+monitorState\(\): MonitorState;$/m);
    const misnamed = SOURCES.filter(({ text: t }) =>
      /\bstatus\??:\s*MonitorState\b|\bstatus\(\): MonitorState\b/.test(t),
    );
    expect(misnamed.map((s) => s.file)).toEqual([]);
  });

  it('a refresh of the monitor is a "monitor tick", never a "status tick"', () => {
    expect(SOURCES.filter(({ text }) => /status ticks?\b/i.test(text)).map((s) => s.file)).toEqual([]);
  });
});

// The words a person reads: user-facing strings in src-* never carry leftovers of the
// connection -> auth rename ("Check the network auth"), nor raw large durations ("182465 min").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../../support/files';

const ROOT = join(__dirname, '..', '..', '..');
const SOURCES = ['src-main', 'src-renderer', 'src-shared', 'src-preload']
  .flatMap((dir) => filesUnder(join(ROOT, dir)))
  .filter((path) => /\.tsx?$/.test(path) && !path.endsWith('.d.ts'));

/** String literals and JSX text of one source file (comments stripped first). */
function userFacingText(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const strings = [...code.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)].map((m) => m[0]);
  const jsxText = [...code.matchAll(/>([^<>{}]*[A-Za-z][^<>{}]*)</g)].map((m) => m[1]!);
  return [...strings, ...jsxText];
}

/** "auth" where a person would read "connection": the rename's leftovers. */
const RENAME_LEFTOVERS = [
  /\bnetwork auth\b/i,
  /\bcomputer'?s auth\b/i,
  /\bcheck (the|your|this) auth\b/i,
  /\bauth and try again\b/i,
  /\bauth \(and any proxy/i,
  /\b(lost|no|slow|unstable|internet) auth\b/i,
  /\bauth (was|is) (lost|made|dropped|refused|reset|slow)\b/i,
];

describe('user-facing wording', () => {
  it('finds the source files it scans', () => {
    expect(SOURCES.length).toBeGreaterThan(50);
  });

  it('has no sentence left by the connection -> auth rename', () => {
    const found: string[] = [];
    for (const path of SOURCES) {
      for (const text of userFacingText(readFileSync(path, 'utf8'))) {
        if (RENAME_LEFTOVERS.some((re) => re.test(text))) found.push(`${path.slice(ROOT.length + 1)}: ${text}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('catches the phrasings seen in the field (the scanner itself works)', () => {
    const seen = [
      "'Check the network auth and the deployment URL.'",
      '`did not answer in time. Check the auth and try again.`',
      `"Check this computer's auth (and any proxy or firewall), then try again."`,
    ];
    for (const s of seen) {
      expect(userFacingText(`const x = ${s};`).some((t) => RENAME_LEFTOVERS.some((re) => re.test(t)))).toBe(true);
    }
  });
});

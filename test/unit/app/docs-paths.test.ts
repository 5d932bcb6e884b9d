/**
 * The project's documents stand on their own (issue 13): every repository path they name in
 * backticks exists, so a rename or a split that forgets the docs fails here. The glossary's
 * "Older names" table names old paths on purpose and is skipped; generated outputs are listed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');
/** Written by a run (`npm run bench`), not checked in. */
const GENERATED = new Set(['bench/results/summary.json']);
const PATH = /`((?:src-main|src-renderer|src-shared|src-preload|e2e|test|bench|scripts|emulator|docs)\/[\w./-]+)`/g;

function documents(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f.split('\\').join('/')}`);
  return ['README.md', 'emulator/README.md', ...docs];
}

/** The text a reader should be able to follow: the glossary's old-names table is history. */
function followable(file: string): string {
  const text = readFileSync(join(ROOT, file), 'utf8');
  if (file !== 'docs/glossary.md') return text;
  return text.replace(/## Older names[\s\S]*?(?=\n## )/, '');
}

export function missingPaths(text: string, exists: (path: string) => boolean): string[] {
  const missing: string[] = [];
  for (const match of text.matchAll(PATH)) {
    const path = match[1]!.replace(/[/.]+$/, '');
    if (!GENERATED.has(path) && !exists(path)) missing.push(path);
  }
  return missing;
}

describe('paths named in the documents', () => {
  it('every backticked repository path in README and docs/ exists', () => {
    const missing = documents().flatMap((f) =>
      missingPaths(followable(f), (p) => existsSync(join(ROOT, p))).map((p) => `${f}: ${p}`),
    );
    expect(missing).toEqual([]);
  });

  it('finds a missing path (the check can fail)', () => {
    expect(
      missingPaths('see `src-main/services/gone.ts` and `docs/glossary.md`', (p) => p === 'docs/glossary.md'),
    ).toEqual(['src-main/services/gone.ts']);
  });
});

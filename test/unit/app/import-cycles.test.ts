/**
 * No import cycles (issue 21): the `local/no-import-cycle` lint rule (scripts/lint/) reads the
 * import graph of src-* and emulator/ and fails on a cycle between files or between two
 * service folders. This checks the tree has none and that the graph finds one when it exists.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cycles, cyclesIn, folderGraph, importGraph } from '../../../scripts/lint/import-cycles.mjs';

const ROOT = join(__dirname, '..', '..', '..');
let fixture: string | null = null;

function tree(files: Record<string, string>): string {
  fixture = mkdtempSync(join(tmpdir(), 'lw-cycles-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(fixture, path)), { recursive: true });
    writeFileSync(join(fixture, path), text);
  }
  return fixture;
}

afterEach(() => {
  if (fixture) rmSync(fixture, { recursive: true, force: true });
  fixture = null;
});

describe('import cycles', () => {
  it('the source tree has no import cycle between files', () => {
    expect(cyclesIn(ROOT)).toEqual([]);
  });

  it('no two service folders import each other', () => {
    expect(cycles(folderGraph(ROOT, importGraph(ROOT)))).toEqual([]);
  });

  it('finds a cycle, type-only imports included', () => {
    const root = tree({
      'src-shared/a.ts': "import { b } from './b';\nexport const a = b;\n",
      'src-shared/b.ts': "import type { C } from './c';\nexport const b: C = 1;\n",
      'src-shared/c.ts': "export { a } from './a';\nexport type C = number;\n",
      'src-shared/d.ts': "import { a } from './a';\n",
    });
    expect(cyclesIn(root)).toEqual([['src-shared/a.ts', 'src-shared/b.ts', 'src-shared/c.ts']]);
  });

  it('finds service folders that import each other', () => {
    const root = tree({
      'src-main/services/logging/redact.ts': "import { known } from '../secrets/known';\nexport const r = known;\n",
      'src-main/services/secrets/known.ts': 'export const known = 1;\n',
      'src-main/services/secrets/store.ts': "import { r } from '../logging/redact';\nexport const s = r;\n",
    });
    expect(cyclesIn(root)).toEqual([]);
    const folders = cycles(folderGraph(root, importGraph(root)));
    expect(folders).toEqual([['src-main/services/logging', 'src-main/services/secrets']]);
  });
});

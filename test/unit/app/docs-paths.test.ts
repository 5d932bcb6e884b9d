/**
 * The project's documents stand on their own (issues 13 and 21): every path-like name they put
 * in backticks exists, so a rename or a split that forgets the docs fails here. That covers
 * paths from the repository root and relative ones (`ipc/dispatcher.ts`, `connect-flows.ts`
 * in a table under a folder heading): a relative name is looked up in the folders its section
 * talks about (the heading's folder, the table row's folder, a `<placeholder>` path on the same
 * line), and otherwise anywhere in the tree. Names that are not repository files are allowed
 * below by name, with the reason. The glossary's "Older names" table names old paths on purpose.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');

/** Names that are not files of the repository, and why a document names them. */
const NOT_IN_THE_TREE: Record<string, string> = {
  'bench/results/summary.json': 'written by `npm run bench`',
  '.tmp/demo.png': 'written by `npm run demo`',
  'test-results/': 'written by Playwright',
  'out/preload/preload.js': 'built by electron-vite',
  'node_modules/electron/dist': "where Electron's binary download lands",
  'outbox.json': 'a file of the user-data folder',
  'settings.json': 'a file of the user-data folder',
  'profiles.json': 'a file of the user-data folder',
  'key-verdicts.json': 'a file of the user-data folder',
  'archived-seen.json': 'a file of the user-data folder',
  'archived-names.json': 'an older user-data file, merged in at start',
  'archived-sources.json': 'an older user-data file, merged in at start',
  'connection.json': 'a user-data file (its persisted name, kept)',
  'source-history.json': 'a file of the user-data folder',
  'echo-hashes.json': 'a file of the user-data folder',
  'keychain-identity.json': 'a file of the user-data folder',
  'last-signed-in.json': 'a file of the user-data folder',
  'ingest-secrets.json': 'a file of the user-data folder',
  // The emulator README cites LangWatch's own files (repository langwatch/langwatch).
  'platform/app/src/server/routes/auth-cli.ts': "LangWatch's repository",
  'ee/governance/routers/ingestionSources.ts': "LangWatch's repository",
  'activityMonitor.ts': "LangWatch's repository",
  'trpc.error-formatter.ts': "LangWatch's repository",
  'packages/handled-error': "LangWatch's repository",
  'packages/authz/src/errors.ts': "LangWatch's repository",
  'claudeCompliance.puller.ts': "LangWatch's repository",
  'platform/app/src/server/routes/ingest/ingestionRoutes.ts': "LangWatch's repository",
  'activityMonitor.service.ts': "LangWatch's repository",
  'pullDestination.ts': "LangWatch's repository",
};
/** docs/contracts/ describes LangWatch's and Anthropic's code: its paths are theirs, not ours. */
const OTHER_REPOSITORIES = /^docs\/contracts\//;
/** File endings that make a backticked word a file name. */
const FILE = /\.(ts|tsx|mts|mjs|cjs|js|json|md|css|sh|yml|yaml|html|txt|log)$/;
const CODE = /`([^`\n]+)`/g;

/** Every file and folder of the working tree (tracked or new), repository-relative. */
function treeNames(): Set<string> {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const names = new Set<string>();
  for (const file of out.split('\n').filter(Boolean)) {
    const parts = file.split('/');
    for (let i = 1; i <= parts.length; i++) names.add(parts.slice(0, i).join('/'));
  }
  return names;
}

/** A backticked word that names a file or folder (not a command, a URL, a call or a glob). */
function pathLike(word: string): boolean {
  if (/[\s:*{}()<>$=,]/.test(word) || /^[-@]/.test(word) || /^\.\w+$/.test(word)) return false;
  // `outbox.stage/edit` lists methods: a folder name with a dot inside is no folder of ours.
  if (
    word
      .split('/')
      .slice(0, -1)
      .some((seg) => /^[^.]+\.[^.]+/.test(seg))
  )
    return false;
  if (!/^[\w.@-]+(\/[\w.@-]+)*\/?$/.test(word)) return false;
  return word.includes('/') || FILE.test(word);
}

/** Folders a heading or table row talks about: its backticked names ending in `/`. */
function foldersIn(text: string): string[] {
  return [...text.matchAll(CODE)].map((m) => m[1]!).filter((w) => w.endsWith('/') && !/[\s<*]/.test(w));
}

/** In "`features/<feature>/`: `composer`, `key-checks`." the bare words up to the sentence's end fill the placeholder. */
function placeholderPaths(line: string): string[] {
  const template = /`([\w./-]*<\w+>\/?)`/.exec(line);
  if (!template) return [];
  const sentence = line.slice(template.index + template[0].length).split(/\.(\s|$)/)[0]!;
  const bare = [...sentence.matchAll(CODE)].map((m) => m[1]!).filter((w) => /^[a-z][\w-]*$/.test(w));
  return bare.map((b) => template[1]!.replace(/<\w+>/, b));
}

/** A list item's indented continuation lines joined to it, so a sentence is one line. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const last = lines.length - 1;
    if (/^ {2,}\S/.test(line) && last >= 0 && /^\s*[-*] /.test(lines[last]!)) lines[last] += ` ${line.trim()}`;
    else lines.push(line);
  }
  return lines;
}

interface Named {
  name: string;
  /** Folders to resolve a relative name against, nearest first. */
  contexts: string[];
}

/** The path-like names of a markdown text, each with the folders its section talks about. */
export function namesIn(text: string): Named[] {
  const named: Named[] = [];
  let headingFolders: string[] = [];
  let fenced = false;
  for (const line of logicalLines(text)) {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) continue;
    if (/^#{1,6} /.test(line)) headingFolders = foldersIn(line);
    const rowFolders = line.startsWith('|') ? foldersIn(line.split('|')[1] ?? '') : [];
    const contexts = [
      ...headingFolders.flatMap((h) => rowFolders.map((r) => posix.join(h, r))),
      ...rowFolders,
      ...headingFolders,
    ];
    const words = [...line.matchAll(CODE)].map((m) => m[1]!).filter(pathLike);
    for (const name of [...words, ...placeholderPaths(line)]) named.push({ name, contexts });
  }
  return named;
}

/** The names that resolve nowhere: not from the root, not in their section's folders, not in the tree. */
export function missingNames(text: string, tree: Set<string>): string[] {
  const has = (p: string) => tree.has(p.replace(/\/+$/, ''));
  const anywhere = (name: string) => {
    const tail = `/${name.replace(/\/+$/, '')}`;
    for (const p of tree) if (p.endsWith(tail)) return true;
    return false;
  };
  return namesIn(text)
    .map(({ name, contexts }) => ({ name: name.replace(/^\.\//, '').replace(/\.$/, ''), contexts }))
    .filter(({ name, contexts }) => {
      if (name in NOT_IN_THE_TREE || has(name)) return false;
      if (contexts.some((c) => has(posix.join(c, name)))) return false;
      return !anywhere(name);
    })
    .map(({ name }) => name);
}

function documents(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f.split('\\').join('/')}`);
  return ['README.md', 'emulator/README.md', ...docs].filter((f) => !OTHER_REPOSITORIES.test(f));
}

/** The text a reader should be able to follow: the glossary's old-names table is history. */
function followable(file: string): string {
  const text = readFileSync(join(ROOT, file), 'utf8');
  if (file !== 'docs/glossary.md') return text;
  return text.replace(/## Older names[\s\S]*?(?=\n## )/, '');
}

describe('names in the documents', () => {
  const tree = treeNames();

  it('every path-like name in README and docs/ exists', () => {
    const missing = documents().flatMap((f) => missingNames(followable(f), tree).map((p) => `${f}: ${p}`));
    expect(missing).toEqual([]);
  });

  it('every allowed name is still named by a document (else drop it)', () => {
    const all = documents()
      .map((f) => followable(f))
      .join('\n');
    expect(Object.keys(NOT_IN_THE_TREE).filter((n) => !all.includes(`\`${n}\``))).toEqual([]);
  });

  it('catches stale names from the root, in a folder table and in a placeholder list', () => {
    const doc = [
      '## Services (`src-main/services/`)',
      '| folder | start here |',
      '|---|---|',
      '| `connect/` | `connect-flows.ts`, `ports.ts` |',
      '| `auth/` | `flows.ts`, `connection.ts` |',
      '## Renderer (`src-renderer/`)',
      '- `features/<feature>/`: `auth`, `key-check`, `composer`.',
      'See `src-main/services/gone.ts`, `docs/glossary.md` and `outbox.json`.',
    ].join('\n');
    expect(missingNames(doc, tree)).toEqual([
      'connect/',
      'connect-flows.ts',
      'connection.ts',
      'features/key-check/',
      'src-main/services/gone.ts',
    ]);
  });

  it('resolves relative names against the section folder', () => {
    const doc = '## Main (`src-main/`)\n- `ipc/dispatcher.ts` and `services/outbox/`\n';
    expect(missingNames(doc, tree)).toEqual([]);
  });

  it('finds the allowed files on disk nowhere in the tree (the allow-list is needed)', () => {
    for (const name of Object.keys(NOT_IN_THE_TREE)) expect(tree.has(name) && existsSync(join(ROOT, name))).toBe(false);
  });
});

// The README's table of source types is the catalog's, word for word: every type, what the
// console collects, where the secret goes, what the key check proves. After a catalog change,
// `LW_UPDATE_README=1 npx vitest run test/unit/app/readme-source-types.test.ts` rewrites it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_CATALOG, type SourceTypeEntry } from '../../../src-shared/domain/source-catalog';

const README = join(__dirname, '..', '..', '..', 'README.md');
const START = '<!-- source-types:start (generated from the catalog by test/unit/app/readme-source-types.test.ts) -->';
const END = '<!-- source-types:end -->';

const MODE: Record<SourceTypeEntry['mode'], string> = { push: 'push', pull: 'pull', s3: 'S3' };

/** What each kind of key check proves (src-main/services/key-checks; room checks adds the vendor ones). */
const KEY_CHECK: Record<NonNullable<SourceTypeEntry['keyCheck']>, string> = {
  compliance:
    "The key reads Anthropic's Compliance API activity feed (no side effects); a preview shows its first events.",
  anthropic_admin: "The key reads the organization usage or cost report; a workspace key's 401 is explained as such.",
  databricks: "The credential gets a token at the workspace's OAuth endpoint, and one read the puller needs answers.",
  http_custom: "One request to the endpoint, honouring LangWatch's destination rule, answers.",
};

function collects(e: SourceTypeEntry): string {
  if (e.fields.length === 0) return 'Name, team, description only';
  return e.fields.map((f) => `${f.label}${f.secret ? ' (secret)' : ''}`).join('; ');
}

function secretGoes(e: SourceTypeEntry): string {
  if (e.mode === 'push')
    return 'Nothing goes out. LangWatch returns an ingest secret once at create: kept in the system keychain for its owner until revealed once, then wiped.';
  const secrets = e.fields.filter((f) => f.secret);
  if (secrets.length === 0) return 'No secret is collected.';
  const names = secrets.map((f) => `\`credentials.${f.sendAs.name}\``).join(', ');
  return `Staged in the system keychain as one unit; sent once as ${names} (LangWatch encrypts it), then wiped.`;
}

function keyCheck(e: SourceTypeEntry): string {
  if (e.keyCheck) return KEY_CHECK[e.keyCheck];
  return e.mode === 'push'
    ? 'None: nothing goes out; the first event proves the exporter.'
    : 'None: the first pull proves it (see the diagnosis).';
}

/** The table, from the catalog. */
export function sourceTypesTable(): string {
  const rows = SOURCE_CATALOG.map(
    (e) => `| ${e.label} (\`${e.type}\`) | ${MODE[e.mode]} | ${collects(e)} | ${secretGoes(e)} | ${keyCheck(e)} |`,
  );
  return [
    '| Type | Mode | The console collects | Where the secret goes | What the key check proves |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function section(text: string): string | null {
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  return from < 0 || to < from ? null : text.slice(from + START.length, to).trim();
}

describe('README: the table of source types', () => {
  it('is the catalog: every type, with what is collected, where the secret goes and what the key check proves', () => {
    let text = readFileSync(README, 'utf8');
    if (process.env.LW_UPDATE_README === '1' && section(text) !== null) {
      const from = text.indexOf(START) + START.length;
      text = `${text.slice(0, from)}\n\n${sourceTypesTable()}\n\n${text.slice(text.indexOf(END))}`;
      writeFileSync(README, text);
    }
    const table = section(text);
    expect(table, 'README has the source-types markers').not.toBeNull();
    for (const e of SOURCE_CATALOG) expect(table).toContain(`(\`${e.type}\`)`);
    expect(table).toBe(sourceTypesTable());
  });
});

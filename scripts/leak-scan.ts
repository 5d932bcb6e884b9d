/**
 * Final secret-leak scan of an e2e run (a step of `npm test`, after Playwright): every seeded
 * password and Anthropic key is searched in `test-results/` (screenshots, traces, attachments,
 * error contexts) and the Playwright JSON report. Per-test scans (keychain values, user-data
 * folders, logs, renderer traffic, every ingest secret the emulator minted) run in the harness
 * fixture; this catches what is written after them; the vitest reports are searched too (test
 * names, failure messages). Ingest secrets are random per run and their emulators are gone by
 * now, so they are searched by LangWatch's shape (`lw_is_` + 43 base64url characters). Exit 1 on
 * any hit; the secret itself is never printed.
 *
 *   tsx scripts/leak-scan.ts [report.json ...]
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { scanForSecrets, SEED_SECRETS } from '../e2e/harness/leak-scan';
import { INGEST_SECRET_SHAPE } from '../e2e/harness/revealed-traffic';
import { filesUnder } from '../test/support/files';

const ROOT = join(__dirname, '..');
const reports = process.argv.slice(2).filter((f) => existsSync(f) && statSync(f).isFile());
const places = [...filesUnder(join(ROOT, 'test-results')), ...reports];
const shaped = places
  .filter((file) => existsSync(file) && INGEST_SECRET_SHAPE.test(readFileSync(file).toString('latin1')))
  .map((file) => `an ingest secret (lw_is_…) in ${file}`);
const hits = [...scanForSecrets(SEED_SECRETS, { dirs: [join(ROOT, 'test-results')], files: reports }), ...shaped];

console.log(
  `leak scan: ${SEED_SECRETS.length} seeded secrets and any ingest secret searched in test-results/ and ${reports.length} report(s): ${hits.length === 0 ? 'no hit' : `${hits.length} hit(s)`}`,
);
for (const h of hits) console.log(`  ${h}`);
process.exit(hits.length === 0 ? 0 : 1);

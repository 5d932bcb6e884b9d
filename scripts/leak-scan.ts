/**
 * Final secret-leak scan of an e2e run (a step of `npm test`, after Playwright): every seeded
 * password and Anthropic key is searched in `test-results/` (screenshots, traces, attachments,
 * error contexts) and the Playwright JSON report. Per-test scans (keychain values, user-data
 * folders, logs, renderer traffic) run in the harness fixture; this catches what is written
 * after them; the vitest reports are searched too (test names, failure messages). Exit 1 on
 * any hit; the secret itself is never printed.
 *
 *   tsx scripts/leak-scan.ts [report.json ...]
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { scanForSecrets, SEED_SECRETS } from '../e2e/harness/leak-scan';

const ROOT = join(__dirname, '..');
const reports = process.argv.slice(2).filter((f) => existsSync(f) && statSync(f).isFile());
const hits = scanForSecrets(SEED_SECRETS, { dirs: [join(ROOT, 'test-results')], files: reports });

console.log(
  `leak scan: ${SEED_SECRETS.length} seeded secrets searched in test-results/ and ${reports.length} report(s): ${hits.length === 0 ? 'no hit' : `${hits.length} hit(s)`}`,
);
for (const h of hits) console.log(`  ${h}`);
process.exit(hits.length === 0 ? 0 : 1);

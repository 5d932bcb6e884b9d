// Electron security scanner step of `npm test`: runs @doyensec/electronegativity over the
// main-process and preload sources (offline; it prints "No connectivity?" when it cannot fetch
// Electron's release list, which is harmless), prints every finding as a table and fails on any
// HIGH one. Several folders are scanned as one tree, so the project-wide checks (CSP, navigation
// limits, permission handler) see the main process while the preload is checked too.
//
//   node scripts/security-scan.mjs [dir ...]   (default: src-main src-preload)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const targets = process.argv.length > 2 ? process.argv.slice(2) : ['src-main', 'src-preload'];
const ELECTRON_VERSION = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const out = join(root, '.tmp', 'electronegativity.csv');
const tree = join(root, '.tmp', 'electronegativity-src');
mkdirSync(join(root, '.tmp'), { recursive: true });
rmSync(out, { force: true });
rmSync(tree, { recursive: true, force: true });
for (const dir of targets) cpSync(join(root, dir), join(tree, dir), { recursive: true });

const proc = spawnSync('npx', ['electronegativity', '-i', tree, '-e', ELECTRON_VERSION, '-o', out], {
  cwd: root,
  encoding: 'utf8',
});
if (!existsSync(out)) {
  console.error(`electronegativity wrote no report (exit ${proc.status}):\n${proc.stdout}\n${proc.stderr}`);
  process.exit(1);
}

/** Parses RFC 4180-ish CSV (quoted fields may hold commas and doubled quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [],
    field = '',
    quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f.trim() !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    if (row.some((f) => f.trim() !== '')) rows.push(row);
  }
  return rows;
}

const [header, ...rows] = parseCsv(readFileSync(out, 'utf8'));
const col = (name) => header.findIndex((h) => h.trim() === name);
const [iIssue, iSev, iConf, iFile, iLoc] = ['issue', 'severity', 'confidence', 'filename', 'location'].map(col);
if ([iIssue, iSev, iFile].some((i) => i < 0)) {
  console.error(`unexpected electronegativity CSV header: ${header.join(',')}`);
  process.exit(1);
}
const findings = rows.map((r) => ({
  issue: r[iIssue].trim(),
  severity: r[iSev].trim().toUpperCase(),
  confidence: (r[iConf] ?? '').trim(),
  where: `${relative(tree, r[iFile].trim())}:${(r[iLoc] ?? '').trim()}`,
}));
const order = { HIGH: 0, MEDIUM: 1, LOW: 2, INFORMATIONAL: 3 };
findings.sort((a, b) => (order[a.severity] ?? 9) - (order[b.severity] ?? 9) || a.where.localeCompare(b.where));

console.log(`electronegativity ${targets.join(' + ')} (Electron ${ELECTRON_VERSION}): ${findings.length} finding(s)`);
if (findings.length > 0) {
  const w = { issue: Math.max(5, ...findings.map((f) => f.issue.length)), sev: 8, conf: 10 };
  console.log(`  ${'severity'.padEnd(w.sev)} ${'confidence'.padEnd(w.conf)} ${'issue'.padEnd(w.issue)} where`);
  for (const f of findings)
    console.log(`  ${f.severity.padEnd(w.sev)} ${f.confidence.padEnd(w.conf)} ${f.issue.padEnd(w.issue)} ${f.where}`);
}
const high = findings.filter((f) => f.severity === 'HIGH');
const counts = Object.entries(findings.reduce((a, f) => ({ ...a, [f.severity]: (a[f.severity] ?? 0) + 1 }), {})).map(
  ([k, v]) => `${v} ${k}`,
);
console.log(
  `summary: ${counts.join(', ') || 'none'}; ${high.length === 0 ? 'no HIGH finding: PASS' : `${high.length} HIGH finding(s): FAIL`}`,
);
process.exit(high.length === 0 ? 0 : 1);

/**
 * Cost of recognising echoes of wiped keys (issue 19) where it sits on a hot path: every
 * successful IPC answer and event is scanned (redact-outgoing.ts) for token runs whose tails
 * match a keyed hash of a recently held secret. Measured on a `sources.snapshot`-sized answer
 * (5,000 sources, no secret in it: the common case, scanned in full and not copied) with 256
 * wiped keys and 4 live ones, against JSON.parse of the same answer's text (what any consumer of
 * that answer pays at least), medians of alternating runs. Also: one tick's one-row delta, and
 * the same snapshot with nothing remembered (no hash scan; the token-shape net still looks).
 * Writes bench/results/echo-scan.json.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as BenchResults from './bench-results';
import { redactOutgoing } from '../src-main/services/logging/redact-outgoing';
import { knownSecrets } from '../src-main/services/logging/known-secrets';

const load = createRequire(import.meta.url);
const { median, round, writeBenchRows } = load('./bench-results.ts') as typeof BenchResults;
const N = 5_000;
const RUNS = Number(process.env.BENCH_ECHO_RUNS ?? 21);
const base = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

// Rows as the emulator's bulk sources come out of the console (ids, names, timestamps, counts).
const rows = Array.from({ length: N }, (_, k) => ({
  id: `src_bulk_org_acme_${String(k).padStart(6, '0')}`,
  organizationId: 'org_acme',
  teamId: null,
  sourceType: ['claude_compliance', 'otel_logs', 'webhook'][k % 3],
  name: `Bulk source ${String(k).padStart(6, '0')}`,
  description: k % 3 ? `Seeded for benchmarks (#${k})` : null,
  status: ['active', 'awaiting_first_event', 'disabled'][k % 3],
  lastEventAt: k % 3 === 1 ? iso(base - k * 1000) : null,
  eventsLast24h: k % 7,
  pullSchedule: k % 2 ? '*/15 * * * *' : null,
  createdAt: iso(base - k * 60_000),
  updatedAt: iso(base),
  archivedAt: null,
  createdById: 'user_admin',
}));
const snapshot = { rows, monitor: { state: 'live', lastTickAt: iso(base), intervalMs: 5000 } };
const delta = { added: [], changed: [rows[42]], removed: [] };

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}
const text = JSON.stringify(snapshot);
const parse = () => void JSON.parse(text);
const scanSnapshot = () => {
  if (redactOutgoing(snapshot) !== snapshot) throw new Error('a clean snapshot was copied');
};

// Nothing remembered yet: no hash scan, only the token-shape net.
const emptyMs: number[] = [];
for (let i = 0; i < RUNS; i++) emptyMs.push(time(scanSnapshot));

const key = () => `sk-ant-api01-${randomBytes(64).toString('base64url')}AA`;
for (let i = 0; i < 256; i++) {
  const wiped = key();
  knownSecrets.remember(wiped);
  knownSecrets.forget(wiped);
}
for (let i = 0; i < 4; i++) knownSecrets.remember(key());

for (let i = 0; i < 3; i++) {
  parse();
  scanSnapshot();
}
const parseMs: number[] = [];
const scanMs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  if (i % 2) {
    parseMs.push(time(parse));
    scanMs.push(time(scanSnapshot));
  } else {
    scanMs.push(time(scanSnapshot));
    parseMs.push(time(parse));
  }
}
const deltaMs: number[] = [];
for (let i = 0; i < RUNS; i++) deltaMs.push(time(() => void redactOutgoing(delta)));

const ratio = median(scanMs) / median(parseMs);
writeBenchRows('echo-scan', [
  {
    name: `echo scan of a ${N}-source snapshot answer (256 wiped + 4 live keys) vs JSON.parse of its ${round(text.length / 1e6)} MB`,
    ratio: round(ratio),
    target: 'ratio ≤ 3',
    pass: ratio <= 3,
    baseline: round(median(parseMs)),
    measured: round(median(scanMs)),
    unit: 'ms',
  },
  {
    name: 'echo scan of one tick delta (one changed row)',
    value: round(median(deltaMs), 3),
    unit: 'ms',
    target: '≤ 0.5 ms',
    pass: median(deltaMs) <= 0.5,
  },
  {
    name: `the same ${N}-source snapshot with nothing remembered (token-shape net only) vs JSON.parse`,
    ratio: round(median(emptyMs) / median(parseMs)),
    target: 'ratio ≤ 2',
    pass: median(emptyMs) / median(parseMs) <= 2,
    baseline: round(median(parseMs)),
    measured: round(median(emptyMs)),
    unit: 'ms',
  },
]);

/**
 * The row shape every `bench/*.bench.mts` writes to `bench/results/<name>.json` and that
 * `npm run bench` (scripts/bench.ts) collects into one table: a ratio against a baseline
 * measured in the same run where there is one (machines are noisy), absolute values as context.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface BenchRow {
  /** What was measured, e.g. "cold start: services ready + auth.get". */
  name: string;
  /** measured / baseline (lower is better unless the target says otherwise). */
  ratio?: number;
  /** The figure itself when it has a budget of its own (bytes, MB, ms). */
  value?: number;
  unit?: string;
  /** The target as text, e.g. "ratio ≤ 8" or "≤ 300 kB gzip"; "context" for a figure with no goal. */
  target: string;
  /**
   * For a context figure that a goal cannot reach by design: the physical floor that bounds it
   * (e.g. the keychain's own cost), so nobody mistakes it for a missed target.
   */
  floor?: string;
  pass: boolean;
  /** Absolute figures, as context (units in `unit` or in the name). */
  baseline?: number;
  measured?: number;
}

// From __filename: when an .mts bench imports this file through tsx, __dirname is not set right.
export const RESULTS_DIR = join(dirname(__filename), 'results');

/** Writes `bench/results/<file>.json` (an array of rows) and prints them. */
export function writeBenchRows(file: string, rows: BenchRow[]): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${file}.json`), `${JSON.stringify(rows, null, 2)}\n`);
  for (const r of rows) {
    const figure = r.ratio !== undefined ? `ratio ${r.ratio}` : `${r.value} ${r.unit ?? ''}`;
    const floor = r.floor ? `; bounded by ${r.floor}` : '';
    process.stdout.write(`  ${r.pass ? 'PASS' : 'FAIL'}  ${r.name}: ${figure} (target ${r.target}${floor})\n`);
  }
}

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Rounds for display and JSON. */
export const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

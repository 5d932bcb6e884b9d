import { buildSync } from 'esbuild';
import { join } from 'node:path';

let cached: string | null = null;

/** The harness bridge as one classic script for `page.addInitScript({ content })`. */
export function bridgeScript(): string {
  cached ??= buildSync({
    entryPoints: [join(__dirname, 'bridge-entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  }).outputFiles[0]!.text;
  return cached;
}

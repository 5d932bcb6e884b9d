/**
 * The header of src-shared/errors.ts says how the renderer uses error codes; this keeps it
 * true (issue 21: it once claimed an exhaustive switch that did not exist). The renderer
 * compares only listed codes, the codes the header cites are ones it really branches on, and
 * the header claims exhaustiveness only if a switch over an error code exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src-shared/errors';

const ROOT = join(__dirname, '..', '..', '..');
const renderer = readdirSync(join(ROOT, 'src-renderer'), { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(ts|tsx)$/.test(f))
  .map((f) => readFileSync(join(ROOT, 'src-renderer', f), 'utf8'))
  .join('\n');
const errorsText = readFileSync(join(ROOT, 'src-shared/errors.ts'), 'utf8');
const header = errorsText.slice(0, errorsText.indexOf('export const ERROR_CODES'));

/** Codes the renderer compares an error's code with (`code === 'x'`, `code !== 'x'`). */
const compared = [...renderer.matchAll(/\bcode\s*[!=]==\s*'([a-z_.]+)'/g)].map((m) => m[1]!);

describe('what errors.ts says about the renderer is true', () => {
  it('the renderer compares only codes of the closed list', () => {
    expect(compared.length).toBeGreaterThan(0);
    expect(compared.filter((c) => !(ERROR_CODES as readonly string[]).includes(c))).toEqual([]);
  });

  it('each code the header cites is one the renderer branches on', () => {
    const cited = [...header.matchAll(/`([a-z]+\.[a-z_]+)`/g)].map((m) => m[1]!);
    expect(cited.length).toBeGreaterThan(0);
    for (const code of cited) expect(compared, code).toContain(code);
  });

  it('the header claims an exhaustive switch only if the renderer has one', () => {
    const hasSwitch = /switch\s*\([^)]*\.code\)/.test(renderer);
    const claims = /switch(es)? on them exhaustively|exhaustive(ly)? switch(es)? on/i.test(header);
    expect(claims && !hasSwitch).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The theme's colour pairs, checked by arithmetic on app.css (WCAG 2.2): text 4.5:1, control
// boundaries and the focus ring 3:1 (1.4.11), in both themes. axe checks the rendered text of
// every screen; this covers what axe does not (borders, focus ring) and fails at the variable.
const css = readFileSync(join(__dirname, '../../../src-renderer/styles/app.css'), 'utf8');

function block(source: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const m of source.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})\s*;/gi)) vars[m[1]!] = m[2]!;
  return vars;
}

const light = block(css.slice(0, css.indexOf('@media (prefers-color-scheme: dark)')));
const dark = { ...light, ...block(css.slice(css.indexOf('@media (prefers-color-scheme: dark)'))) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function ratio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const TEXT = ['text', 'muted', 'accent', 'ok', 'warn', 'bad'];
const BOUNDARIES = ['control-border', 'focus'];

describe.each([
  ['light', light],
  ['dark', dark],
])('%s theme', (_name, vars) => {
  it.each(TEXT.flatMap((t) => ['bg', 'panel'].map((s) => [t, s])))('text --%s on --%s is at least 4.5:1', (fg, bg) => {
    expect(ratio(vars[fg]!, vars[bg]!)).toBeGreaterThanOrEqual(4.5);
  });
  it.each(BOUNDARIES.flatMap((t) => ['bg', 'panel'].map((s) => [t, s])))(
    'boundary --%s on --%s is at least 3:1',
    (fg, bg) => {
      expect(ratio(vars[fg]!, vars[bg]!)).toBeGreaterThanOrEqual(3);
    },
  );
  it('text on an accent fill (primary buttons, badges) is at least 4.5:1', () => {
    expect(ratio(vars['on-accent']!, vars['accent']!)).toBeGreaterThanOrEqual(4.5);
  });
});

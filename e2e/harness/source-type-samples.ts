/**
 * A valid draft of each catalog type for the journeys, derived from the catalog so it follows
 * the catalog's fields: each required field and each main secret gets a value (the advanced
 * secrets where a type has no other); secrets are unique per run (registered for the leak
 * scan). Placeholders that read as real values are used as they are (LangWatch's composer
 * shows them as examples).
 */
import type { Page } from '@playwright/test';
import { catalogEntry, type SourceField } from '../../src-shared/domain/source-catalog';
import type { SourceType } from '../../src-shared/domain/langwatch';

export interface TypeSample {
  values: Record<string, string>;
  secrets: Record<string, string>;
}

function plainValue(f: SourceField): string {
  if (f.kind === 'choice') return f.choices?.[0] ?? '';
  if (f.kind === 'url') return /^https:\/\/[^…]+$/.test(f.placeholder) ? f.placeholder : 'https://api.example.com/v1';
  if (f.kind === 'multiline') return f.placeholder.includes('=') ? f.placeholder : 'source_event_id=$.id';
  if (f.kind === 'list') return 'space-a,space-b';
  return /[…(]|\.\.\./.test(f.placeholder) || f.placeholder.includes('e.g.') ? `sample-${f.key}` : f.placeholder;
}

/** The sample of one type; `run` keeps secrets unique to this test. */
export function typeSample(type: SourceType, run: string): TypeSample {
  const sample: TypeSample = { values: {}, secrets: {} };
  const fields = catalogEntry(type).fields;
  // The main secrets; a type whose secrets are all advanced (the S3 types' AWS keys) sends those.
  const mainSecrets = fields.some((f) => f.secret && !f.advanced);
  for (const f of fields) {
    if (f.secret && (!f.advanced || !mainSecrets)) sample.secrets[f.key] = `e2e-${type}-${f.key}-${run}-secret`;
    else if (!f.secret && f.required) sample.values[f.key] = plainValue(f);
  }
  return sample;
}

/** Fills the composer (already on `type`) with a sample: plain fields, then secrets. */
export async function fillSample(page: Page, name: string, sample: TypeSample): Promise<void> {
  await page.getByTestId('name-input').fill(name);
  const advanced = page.getByTestId('advanced-fields');
  if ((await advanced.count()) > 0 && !(await advanced.evaluate((d) => (d as HTMLDetailsElement).open)))
    await advanced.locator('summary').click();
  for (const [key, value] of Object.entries(sample.values)) {
    const input = page.getByTestId(`sf-${key}`);
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }
  for (const [key, value] of Object.entries(sample.secrets)) await page.getByTestId(`sf-${key}`).fill(value);
}

/**
 * Transformed echoes (issue 19): a key that is no longer held by value (wiped after its
 * submission) is still recognised in every form of the 5 × 10 matrix, by its hashes alone,
 * and ordinary data (ids, timestamps, fingerprints, prose) is left as it is.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEchoMemory } from '../../../src-main/services/logging/echo-memory';
import { redact as anthropicText } from '../../../src-main/services/anthropic/classify';
import { recordableError } from '../../../src-main/services/outbox/classify';
import { createKnownSecrets, knownSecrets } from '../../../src-main/services/logging/known-secrets';
import { echoCases, keyShapes, leakedCases } from '../../support/key-echo-matrix';

function registryThatHeld(keys: readonly string[]) {
  const reg = createKnownSecrets();
  for (const key of keys) {
    reg.remember(key);
    reg.forget(key);
  }
  return reg;
}

describe('echoes of wiped keys, 5 shapes × 10 encodings, as text and as data (100 checks)', () => {
  const shapes = keyShapes();
  const cases = echoCases(shapes);
  const reg = registryThatHeld(shapes.map((s) => s.key));

  it('none of the 100 gets through as text (a log line, a record) or as data (an answer, an event)', () => {
    expect(cases).toHaveLength(50);
    const asText = cases.map((c) => reg.redactText(`server said: ${c.echo}, see "${c.echo}".`)).join('\n');
    const asData = JSON.stringify(reg.redactDeep(cases.map((c) => ({ description: `Key: ${c.echo}` }))));
    expect(leakedCases(cases, asText)).toEqual([]);
    expect(leakedCases(cases, asData)).toEqual([]);
    // Each was really there and replaced (not dropped with its neighbours).
    expect(asText.match(/server said: (?:…)?\[REDACTED\], see "(?:…)?\[REDACTED\]"\./g)).toHaveLength(50);
  });

  it('inside URLs, query strings, JSON and CSV too', () => {
    const b64 = Buffer.from(shapes[0]!.key).toString('base64');
    const hex = Buffer.from(shapes[3]!.key).toString('hex');
    const text = [
      `https://evil.example/?echo=${encodeURIComponent(shapes[2]!.key)}`,
      `token=${b64}&next=1`,
      JSON.stringify({ requestId: hex }),
      `"id","${shapes[4]!.key}"`,
    ].join('\n');
    const out = reg.redactText(text);
    for (const needle of [encodeURIComponent(shapes[2]!.key), b64, hex, shapes[4]!.key])
      expect(out).not.toContain(needle);
    expect(out).toContain('&next=1');
  });

  it('ordinary data stays: ids, timestamps, fingerprints, short tails, prose', () => {
    const text = [
      'src_cm4x8k2p90000abcdefghijkl 2026-12-06T05:06:08.000Z',
      `${'sk-ant-api01-…'}${shapes[0]!.key.slice(-4)} staged`,
      `…${shapes[1]!.key.slice(-15)}`,
      'Create a Compliance Access Key (sk-ant-api01-…) in claude.ai',
      '0123456789abcdef0123456789abcdef',
    ].join('\n');
    expect(reg.redactText(text)).toBe(text);
    const clean = { rows: [{ id: 'src_cm4x8k2p90000abcdefghijkl', fingerprint: 'sk-ant-api01-…a1b2' }] };
    expect(reg.redactDeep(clean)).toBe(clean);
  });

  it('a memory that is empty costs nothing and redacts nothing', () => {
    const fresh = createKnownSecrets({ memory: createEchoMemory({ key: randomBytes(32), now: Date.now }) });
    const value = { description: Buffer.from(shapes[0]!.key).toString('base64') };
    expect(fresh.redactDeep(value)).toBe(value);
  });

  it('server text is redacted before it is cut: the front half of a wiped key never stays', () => {
    const key = shapes[1]!.key;
    knownSecrets.remember(key);
    knownSecrets.forget(key);
    const b64 = Buffer.from(key).toString('base64');
    const split = `${key.slice(0, 60)}\n${key.slice(60)}`;
    // Anthropic's error text is capped at 500, a recorded message at 500, a detail at 200.
    const anthropic = anthropicText(`${'x'.repeat(460)} ${b64}`, 'another-key-being-checked');
    const recorded = recordableError({
      code: 'langwatch.validation',
      message: `${'y'.repeat(470)} ${split}`,
      details: { path: `${'z'.repeat(150)} ${split}` },
    });
    expect(anthropic).not.toContain(b64.slice(0, 30));
    expect(JSON.stringify(recorded)).not.toContain(key.slice(0, 40));
    expect(JSON.stringify(recorded)).toContain('[REDACTED]');
  });
});

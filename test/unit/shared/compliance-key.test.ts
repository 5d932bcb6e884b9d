import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  COMPLIANCE_KEY_ERROR_CODES,
  COMPLIANCE_KEY_MAX_LENGTH,
  checkComplianceKey,
  complianceKeyErrorMessage,
  complianceKeySchema,
  keyFingerprint,
} from '../../../src-shared/domain/compliance-key';

const SECRET = 'Zq9xW2vB7nM4kL1pR8tY3uI6oP0aS5dFgHjKl-_AbCdEa1b2';
const COMPLIANCE = `sk-ant-api01-${SECRET}`;
const ADMIN = `sk-ant-admin01-${SECRET}`;
const CLAUDE = `sk-ant-api03-${SECRET}`;

describe('checkComplianceKey: accepted', () => {
  it.each([
    ['compliance key', COMPLIANCE, COMPLIANCE, 'compliance'],
    ['admin key', ADMIN, ADMIN, 'admin'],
    ['surrounding spaces and newline trimmed', `  ${COMPLIANCE}\n`, COMPLIANCE, 'compliance'],
    ['tabs and CRLF trimmed', `\t${ADMIN}\r\n`, ADMIN, 'admin'],
    ['no-break space around trimmed', `\u00a0${COMPLIANCE}\u00a0`, COMPLIANCE, 'compliance'],
  ])('%s', (_name, raw, key, kind) => {
    const result = checkComplianceKey(raw);
    expect(result).toEqual({ ok: true, key, kind });
  });

  it.each([
    ['another Anthropic prefix', `sk-ant-api02-${SECRET}`],
    ['an OpenAI-looking key', `sk-proj-${SECRET}`],
    ['no prefix at all', SECRET],
    ['upper-case prefix', `SK-ANT-API01-${SECRET}`],
  ])('warns (does not block) on %s', (_name, raw) => {
    const result = checkComplianceKey(raw);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.kind).toBe('unknown');
    expect(result.key).toBe(raw);
    expect(result.warning).toMatch(/sk-ant-api01-/);
  });

  it('accepts exactly the maximum length', () => {
    const raw = `sk-ant-api01-${'a'.repeat(COMPLIANCE_KEY_MAX_LENGTH - 13)}`;
    expect(checkComplianceKey(raw).ok).toBe(true);
  });
});

describe('checkComplianceKey: refused', () => {
  it.each([
    ['empty', '', 'empty'],
    ['only spaces', '   \n\t ', 'empty'],
    ['too long', `sk-ant-api01-${'a'.repeat(COMPLIANCE_KEY_MAX_LENGTH)}`, 'too_long'],
    ['inner space', `sk-ant-api01-abc def${SECRET}`, 'inner_whitespace'],
    ['inner newline (wrapped paste)', `sk-ant-api01-abc\n${SECRET}`, 'inner_whitespace'],
    ['inner tab', `sk-ant-api01-abc\t${SECRET}`, 'inner_whitespace'],
    ['inner no-break space', `sk-ant-api01-abc\u00a0${SECRET}`, 'inner_whitespace'],
    ['zero-width space', `sk-ant-api01-abc\u200b${SECRET}`, 'non_printable'],
    ['NUL', `sk-ant-api01-abc\u0000${SECRET}`, 'non_printable'],
    ['DEL', `sk-ant-api01-abc\u007f${SECRET}`, 'non_printable'],
    ['smart quote', `\u201csk-ant-api01-${SECRET}\u201d`, 'non_printable'],
    ['accented letter', `sk-ant-api01-é${SECRET}`, 'non_printable'],
    ['emoji', `sk-ant-api01-${SECRET}🔑`, 'non_printable'],
    ['Claude API key', CLAUDE, 'claude_api_key'],
    ['Claude API key with spaces', `  ${CLAUDE} `, 'claude_api_key'],
    ['prefix only (compliance)', 'sk-ant-api01-', 'prefix_only'],
    ['prefix only (admin)', ' sk-ant-admin01- ', 'prefix_only'],
  ])('%s -> %s', (_name, raw, code) => {
    const result = checkComplianceKey(raw);
    expect(result).toEqual({ ok: false, code, message: complianceKeyErrorMessage(code as never) });
  });

  it('explains a Claude API key', () => {
    const result = checkComplianceKey(CLAUDE);
    expect(!result.ok && result.message).toMatch(/Claude API key.*Compliance Access Key/s);
  });

  it('never repeats the key (or its secret part) in any message', () => {
    const raws = [COMPLIANCE, CLAUDE, `sk-ant-api01-abc def${SECRET}`, `x${SECRET}`, `sk-ant-api01-${SECRET}\u200b`];
    for (const raw of raws) {
      const result = checkComplianceKey(raw);
      const text = JSON.stringify(result.ok ? { ...result, key: '' } : result);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(SECRET.slice(0, 12));
    }
  });

  it('has a human message for every code', () => {
    for (const code of COMPLIANCE_KEY_ERROR_CODES) expect(complianceKeyErrorMessage(code).length).toBeGreaterThan(10);
  });
});

describe('keyFingerprint', () => {
  it.each([
    ['compliance', 'sk-ant-api01-abcdefghijklmnopa1b2', 'sk-ant-api01-…a1b2'],
    ['admin', 'sk-ant-admin01-abcdefghijklmnopWXYZ', 'sk-ant-admin01-…WXYZ'],
    ['claude api', 'sk-ant-api03-abcdefghijklmnop9876', 'sk-ant-api03-…9876'],
    ['unknown prefix shows only the tail', 'sk-proj-abcdefghijkl1234', '…1234'],
    ['trims first', '  sk-ant-api01-abcdefghijklmnopa1b2\n', 'sk-ant-api01-…a1b2'],
    ['short secret shows no tail', 'sk-ant-api01-abc1234', 'sk-ant-api01-…'],
    ['short unknown shows nothing', 'abcd', '…'],
    ['empty', '', '…'],
  ])('%s', (_name, key, fingerprint) => {
    expect(keyFingerprint(key)).toBe(fingerprint);
  });

  it('reveals at most 4 secret characters of a real-length key', () => {
    const fp = keyFingerprint(COMPLIANCE);
    expect(fp).toBe(`sk-ant-api01-…${SECRET.slice(-4)}`);
    expect(fp).not.toContain(SECRET.slice(-5));
  });
});

describe('complianceKeySchema', () => {
  const form = z.object({ name: z.string(), key: complianceKeySchema });

  it('trims inside a form schema', () => {
    expect(form.parse({ name: 'n', key: ` ${COMPLIANCE} ` })).toEqual({ name: 'n', key: COMPLIANCE });
  });

  it('accepts an unknown prefix (warning only)', () => {
    expect(complianceKeySchema.parse(`sk-proj-${SECRET}`)).toBe(`sk-proj-${SECRET}`);
  });

  it.each([
    ['', 'empty'],
    [CLAUDE, 'claude_api_key'],
    [`sk-ant-api01-a b${SECRET}`, 'inner_whitespace'],
    [`sk-ant-api01-\u200b${SECRET}`, 'non_printable'],
  ])('refuses %j with the same message and code', (raw, code) => {
    const result = form.safeParse({ name: 'n', key: raw });
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path).toEqual(['key']);
    expect(issue?.message).toBe(complianceKeyErrorMessage(code as never));
    expect(issue && 'params' in issue ? issue.params : undefined).toEqual({ code });
    // A failed parse must not carry the key anywhere (issues are often logged or sent over IPC).
    expect(JSON.stringify(result.error?.issues)).not.toContain(SECRET);
    expect(String(result.error)).not.toContain(SECRET);
  });

  it('refuses a non-string with the empty message', () => {
    expect(complianceKeySchema.safeParse(undefined).error?.issues[0]?.message).toBe(complianceKeyErrorMessage('empty'));
  });
});

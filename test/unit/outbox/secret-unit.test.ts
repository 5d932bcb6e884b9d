import { describe, expect, it } from 'vitest';
import { decodeUnit, encodeUnit, isCompleteUnit, unitFingerprint } from '../../../src-main/services/outbox/secret-unit';

const KEY = 'sk-ant-api01-abcdefghijklmnopqrstuvwxyz0123456789ABCD';
const CLIENT_ID = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const CLIENT_SECRET = 'dose-secret-value-0123456789abcdef';

describe('the secret unit: every secret field of a type, one keychain item', () => {
  it('is one JSON object in catalog order, read back as the same unit', () => {
    const item = encodeUnit('databricks_genie', { clientSecret: CLIENT_SECRET, clientId: CLIENT_ID });
    expect(item).toBe(JSON.stringify({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }));
    expect(decodeUnit('databricks_genie', item)).toEqual({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    expect(encodeUnit('claude_compliance', { token: KEY })).toBe(JSON.stringify({ token: KEY }));
  });

  it('a bare key written before units (claude_compliance records) reads as its token', () => {
    expect(decodeUnit('claude_compliance', KEY)).toEqual({ token: KEY });
    // Only the compliance type ever stored a bare value: anything else is not a unit.
    expect(decodeUnit('copilot_studio', CLIENT_SECRET)).toBeNull();
  });

  it('a partial or foreign unit is never a unit: a required secret missing, a field the type lacks, not JSON', () => {
    expect(decodeUnit('copilot_studio', JSON.stringify({}))).toBeNull();
    expect(decodeUnit('copilot_studio', JSON.stringify({ clientSecret: '' }))).toBeNull();
    expect(decodeUnit('copilot_studio', JSON.stringify({ clientSecret: CLIENT_SECRET, extra: 'x' }))).toBeNull();
    expect(decodeUnit('databricks_genie', '{"clientId":')).toBeNull();
    expect(decodeUnit('claude_compliance', JSON.stringify({ clientId: CLIENT_ID }))).toBeNull();
    expect(isCompleteUnit('http_custom', { token: 'tok_abcdef' })).toBe(true);
    expect(isCompleteUnit('otel_generic', {})).toBe(false);
  });

  it('fingerprints: the compliance key exactly as before, other units by field with a tail only for long values', () => {
    expect(unitFingerprint('claude_compliance', { token: KEY })).toBe('sk-ant-api01-…ABCD');
    expect(unitFingerprint('databricks_genie', { clientSecret: CLIENT_SECRET, clientId: CLIENT_ID })).toBe(
      'clientId …6789 · clientSecret …cdef',
    );
    expect(unitFingerprint('http_custom', { token: 'short-token' })).toBe('token …');
    for (const value of [KEY, CLIENT_ID, CLIENT_SECRET])
      expect(unitFingerprint('databricks_genie', { clientId: value })).not.toContain(value.slice(-6));
  });
});

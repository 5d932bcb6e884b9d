import { describe, expect, it } from 'vitest';
import { activitiesUrl } from '../../../src-main/services/anthropic/base-url';
import { redact } from '../../../src-main/services/anthropic/classify';
import {
  mentionsScope,
  parseAnthropicError,
  parseGrantedScopes,
} from '../../../src-main/services/anthropic/error-body';

describe('parseAnthropicError', () => {
  it.each([
    [
      'full envelope',
      '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}',
      { type: 'authentication_error', message: 'invalid x-api-key' },
    ],
    [
      'no top-level type',
      '{"error":{"type":"permission_error","message":"m"}}',
      { type: 'permission_error', message: 'm' },
    ],
    ['no message', '{"error":{"type":"api_error"}}', { type: 'api_error', message: null }],
    ['extra fields', '{"error":{"type":"x","message":"m","details":{}},"request_id":"r"}', { type: 'x', message: 'm' }],
    ['HTML', '<html></html>', null],
    ['empty', '', null],
    ['JSON without error', '{"message":"Forbidden"}', null],
    ['error as a string (other APIs)', '{"error":"unauthorized"}', null],
    ['empty error type', '{"error":{"type":""}}', null],
    ['array', '[]', null],
    ['null', 'null', null],
  ])('%s', (_name, text, expected) => {
    expect(parseAnthropicError(text)).toEqual(expected);
  });
});

describe('parseGrantedScopes', () => {
  it.each([
    [
      'Got: [read:compliance_user_data, read:compliance_org_data]',
      ['read:compliance_user_data', 'read:compliance_org_data'],
    ],
    [
      '… Got: ["read:compliance_user_data","delete:compliance_user_data"].',
      ['read:compliance_user_data', 'delete:compliance_user_data'],
    ],
    ["got: ['a' , 'b']", ['a', 'b']],
    ['Got: []', []],
    ['Got:[ ]', []],
    ['Got: [a,,b]', ['a', 'b']],
    ['Missing read:compliance_activities', null],
    ['Got: read:x', null],
    [null, null],
  ])('%j -> %j', (message, scopes) => {
    expect(parseGrantedScopes(message)).toEqual(scopes);
  });
});

describe('mentionsScope', () => {
  it.each([
    ['Key lacks required scope', true],
    ['SCOPE missing', true],
    ['invalid x-api-key', false],
    [null, false],
  ])('%j -> %s', (message, expected) => {
    expect(mentionsScope(message)).toBe(expected);
  });
});

describe('redact', () => {
  const key = 'sk-ant-api01-SECRETsecretSECRET';
  it.each([
    [`bad ${key}!`, 'bad (redacted)!'],
    ['other sk-ant-admin01-abc_DEF-123 here', 'other (redacted) here'],
    [`weird-key-${'z'.repeat(3)}`, `weird-key-zzz`],
    ['x'.repeat(600), `${'x'.repeat(500)}…`],
  ])('%j', (text, expected) => {
    expect(redact(text, key)).toBe(expected);
  });

  it('removes a key of any shape, even an unknown prefix', () => {
    expect(redact('echo: custom-key-123456', 'custom-key-123456')).toBe('echo: (redacted)');
  });
});

describe('activitiesUrl', () => {
  it.each([
    ['https://api.anthropic.com', 'https://api.anthropic.com/v1/compliance/activities?limit=1'],
    ['https://api.anthropic.com/', 'https://api.anthropic.com/v1/compliance/activities?limit=1'],
    [' https://gw.example.com/anthropic/ ', 'https://gw.example.com/anthropic/v1/compliance/activities?limit=1'],
    ['https://api.anthropic.com/?x=1#y', 'https://api.anthropic.com/v1/compliance/activities?limit=1'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/v1/compliance/activities?limit=1'],
    ['http://localhost:9/x', 'http://localhost:9/x/v1/compliance/activities?limit=1'],
    ['http://[::1]:9', 'http://[::1]:9/v1/compliance/activities?limit=1'],
  ])('%j', (base, url) => {
    expect(activitiesUrl(base, { limit: 1 }).href).toBe(url);
  });

  it.each([
    '',
    'nope',
    'file:///etc/passwd',
    'http://10.0.0.1',
    'http://api.anthropic.com',
    'https://a:b@api.anthropic.com',
  ])('refuses %j', (base) => {
    expect(() => activitiesUrl(base, {})).toThrowError(expect.objectContaining({ code: 'invalid_argument' }) as Error);
  });
});

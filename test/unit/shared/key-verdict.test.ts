import { describe, expect, it } from 'vitest';
import { keyVerdictKeyWorks, keyVerdictSchema, type KeyVerdict } from '../../../src-shared/domain/key-verdict';

const common = {
  httpStatus: 200,
  requestId: 'req_1',
  checkedAt: '2026-11-28T12:00:00.000Z',
  message: 'm',
  nextStep: 'n',
  attempts: 1,
  errorType: null,
  serverMessage: null,
};

const samples: Array<[KeyVerdict, boolean | null]> = [
  [{ verdict: 'valid', ...common, rateLimit: { limit: 600, remaining: 599, reset: null } }, true],
  [{ verdict: 'invalid_key', ...common, httpStatus: 401, errorType: 'authentication_error' }, false],
  [{ verdict: 'missing_scope', ...common, httpStatus: 403, scopes: ['read:compliance_user_data'] }, false],
  [{ verdict: 'rate_limited', ...common, httpStatus: 429, retryAfterSec: 30, rateLimit: null }, true],
  [
    {
      verdict: 'inconclusive',
      ...common,
      httpStatus: null,
      requestId: null,
      attempts: 2,
      reason: 'timeout',
      networkCode: null,
    },
    null,
  ],
  [
    { verdict: 'wrong_endpoint', ...common, httpStatus: 302, reason: 'redirect', location: 'https://x.example/login' },
    null,
  ],
];

describe('keyVerdictSchema', () => {
  it.each(samples)('round-trips %j through JSON (IPC)', (verdict) => {
    expect(keyVerdictSchema.parse(JSON.parse(JSON.stringify(verdict)))).toEqual(verdict);
  });

  it.each([
    ['unknown verdict', { ...common, verdict: 'maybe' }],
    ['Date object instead of ISO string', { ...common, verdict: 'invalid_key', checkedAt: new Date() }],
    ['non-ISO time', { ...common, verdict: 'invalid_key', checkedAt: 'yesterday' }],
    ['missing next step', { ...common, verdict: 'invalid_key', nextStep: undefined }],
    ['zero attempts', { ...common, verdict: 'invalid_key', attempts: 0 }],
    ['unknown wrong-endpoint reason', { ...common, verdict: 'wrong_endpoint', reason: 'dns', location: null }],
    ['negative retry-after', { ...common, verdict: 'rate_limited', retryAfterSec: -1, rateLimit: null }],
    ['missing scopes field', { ...common, verdict: 'missing_scope' }],
  ])('rejects %s', (_name, value) => {
    expect(keyVerdictSchema.safeParse(value).success).toBe(false);
  });
});

describe('keyVerdictKeyWorks', () => {
  it.each(samples)('%j -> %s', (verdict, works) => {
    expect(keyVerdictKeyWorks(verdict)).toBe(works);
  });
});

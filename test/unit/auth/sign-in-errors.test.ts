import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import {
  checkVerificationUrl,
  describeEmailSignInError,
  describeMethodsError,
  deviceOutcomeOf,
  formatWait,
} from '../../../src-main/services/auth/sign-in-errors';

const ORIGIN = 'https://lw.example.com';
const PASSWORD = 'hunter2-very-secret-Pa55';

const asApp = (e: unknown) => {
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};

describe('describeMethodsError (auth.methods / publicEnv)', () => {
  it.each([
    ['network.offline', 'network.offline', /unreachable/],
    ['network.timeout', 'network.timeout', /did not answer in time/],
    ['network.tls', 'network.tls', /certificate could not be verified \(CERT_HAS_EXPIRED\)/],
    ['network.unexpected_answer', 'network.unexpected_answer', /not like a LangWatch deployment/],
    ['langwatch.not_found', 'network.unexpected_answer', /not like a LangWatch deployment/],
  ] as const)('%s → %s with a specific message', (code, expected, message) => {
    const mapped = asApp(
      describeMethodsError(
        new AppError(code, 'low level', { cause: 'CERT_HAS_EXPIRED', path: '/api/trpc/publicEnv' }),
        ORIGIN,
      ),
    );
    expect(mapped.code).toBe(expected);
    expect(mapped.message).toMatch(message);
    expect(mapped.message).toContain(ORIGIN);
  });

  it('passes through errors it has no better words for, and non-AppErrors untouched', () => {
    const server = new AppError('langwatch.server_error', 'LangWatch had an internal error.');
    expect(describeMethodsError(server, ORIGIN)).toBe(server);
    const bug = new Error('boom');
    expect(describeMethodsError(bug, ORIGIN)).toBe(bug);
  });
});

describe('describeEmailSignInError', () => {
  it('wrong password', () => {
    const e = asApp(
      describeEmailSignInError(new AppError('auth.invalid_credentials', 'x', { httpStatus: 401 }), ORIGIN, PASSWORD),
    );
    expect(e.code).toBe('auth.invalid_credentials');
    expect(e.message).toBe('Wrong email or password. Check them and try again.');
  });

  it('password sign-in disabled offers the browser', () => {
    const e = asApp(
      describeEmailSignInError(new AppError('auth.password_disabled', 'x', { httpStatus: 400 }), ORIGIN, PASSWORD),
    );
    expect(e.code).toBe('auth.password_disabled');
    expect(e.message).toMatch(/Sign in with browser/);
    expect(e.details).toMatchObject({ browserAvailable: true });
  });

  it('rate limited says how long to wait and keeps retryAfterSec', () => {
    const e = asApp(
      describeEmailSignInError(
        new AppError('auth.rate_limited', 'x', { retryAfterSec: 75, httpStatus: 429 }),
        ORIGIN,
        PASSWORD,
      ),
    );
    expect(e.code).toBe('auth.rate_limited');
    expect(e.message).toBe('Too many sign-in attempts. Wait 1 min 15 s before trying again.');
    expect(e.details).toMatchObject({ retryAfterSec: 75 });
    const noWait = asApp(describeEmailSignInError(new AppError('auth.rate_limited', 'x'), ORIGIN, PASSWORD));
    expect(noWait.message).toMatch(/a few minutes/);
  });

  it('unreachable, TLS and not-LangWatch get the same words as the methods check', () => {
    expect(asApp(describeEmailSignInError(new AppError('network.offline', 'x'), ORIGIN, PASSWORD)).message).toMatch(
      /unreachable/,
    );
    expect(asApp(describeEmailSignInError(new AppError('network.tls', 'x'), ORIGIN, PASSWORD)).code).toBe(
      'network.tls',
    );
    expect(
      asApp(describeEmailSignInError(new AppError('network.unexpected_answer', 'x'), ORIGIN, PASSWORD)).message,
    ).toMatch(/not like a LangWatch deployment/);
  });

  it('never echoes the password, even when a lower layer put it in the message or details', () => {
    const reflected = new AppError('langwatch.server_error', `server said: ${PASSWORD}`, {
      body: `{"password":"${PASSWORD}"}`,
      httpStatus: 500,
    });
    const e = asApp(describeEmailSignInError(reflected, ORIGIN, PASSWORD));
    expect(JSON.stringify(e.toData())).not.toContain(PASSWORD);
    expect(e.details).toEqual({ httpStatus: 500 });
    const mapped = asApp(
      describeEmailSignInError(
        new AppError('auth.invalid_credentials', 'x', { serverCode: PASSWORD }),
        ORIGIN,
        PASSWORD,
      ),
    );
    expect(JSON.stringify(mapped.toData())).not.toContain(PASSWORD);
  });

  it('drops details it does not know (only secret-free facts reach the renderer)', () => {
    const e = asApp(
      describeEmailSignInError(
        new AppError('auth.invalid_credentials', 'x', { httpStatus: 401, header: 'set-cookie: a=b' }),
        ORIGIN,
        PASSWORD,
      ),
    );
    expect(e.details).toEqual({ httpStatus: 401 });
  });
});

describe('formatWait', () => {
  it.each([
    [0, '0 s'],
    [1.2, '2 s'],
    [59, '59 s'],
    [60, '1 min'],
    [900, '15 min'],
    [61, '1 min 1 s'],
  ])('%s → %s', (s, text) => expect(formatWait(s)).toBe(text));
});

describe('deviceOutcomeOf', () => {
  it.each([
    ['auth.device_denied', 'denied'],
    ['auth.device_expired', 'expired'],
    ['cancelled', 'cancelled'],
    ['network.offline', 'failed'],
  ] as const)('%s → %s', (code, outcome) => {
    expect(deviceOutcomeOf(new AppError(code, 'Could not reach it.')).outcome).toBe(outcome);
  });
  it('a crash is "failed" with a generic message', () => {
    expect(deviceOutcomeOf(new Error('secret internals'))).toEqual({
      outcome: 'failed',
      message: 'The device sign-in failed. Start again.',
    });
  });
});

describe('checkVerificationUrl', () => {
  it('accepts the deployment origin', () => {
    expect(checkVerificationUrl('https://lw.example.com/cli/auth?user_code=ABCD-EFGH', ORIGIN)).toBe(
      'https://lw.example.com/cli/auth?user_code=ABCD-EFGH',
    );
    expect(checkVerificationUrl('http://127.0.0.1:5560/cli/auth?user_code=X', 'http://127.0.0.1:5560')).toMatch(
      /^http:\/\/127/,
    );
  });
  it.each([
    'https://evil.example/cli/auth',
    'https://lw.example.com.evil.example/cli/auth',
    'http://lw.example.com/cli/auth',
    'https://user:pw@lw.example.com/cli/auth',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(() => checkVerificationUrl(url, ORIGIN)).toThrowError(AppError);
  });
});

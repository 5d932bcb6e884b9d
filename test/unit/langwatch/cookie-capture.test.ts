import { describe, expect, it } from 'vitest';
import { findSessionCookie, sessionCookieFromSetCookie } from '../../../src-main/services/langwatch/cookie-capture';

const NOW = Date.UTC(2026, 10, 28);
const future = NOW / 1000 + 3600;

describe('findSessionCookie', () => {
  it('finds the __Secure- cookie of an https deployment, value verbatim', () => {
    const pair = findSessionCookie(
      [
        { name: 'other', value: 'x', domain: 'app.langwatch.ai' },
        {
          name: '__Secure-better-auth.session_token',
          value: 'abc.def%2B%3D',
          domain: 'app.langwatch.ai',
          path: '/',
          secure: true,
          expirationDate: future,
        },
      ],
      'https://app.langwatch.ai',
      NOW,
    );
    expect(pair).toBe('__Secure-better-auth.session_token=abc.def%2B%3D');
  });

  it('accepts the plain name on a loopback http deployment and host-only cookies', () => {
    expect(findSessionCookie([{ name: 'better-auth.session_token', value: 'v1' }], 'http://127.0.0.1:5560', NOW)).toBe(
      'better-auth.session_token=v1',
    );
  });

  it('matches parent domains but not other hosts', () => {
    const c = (domain: string) => [{ name: '__Secure-better-auth.session_token', value: 'v', domain, secure: true }];
    expect(findSessionCookie(c('.langwatch.ai'), 'https://app.langwatch.ai', NOW)).not.toBeNull();
    expect(findSessionCookie(c('evil.example'), 'https://app.langwatch.ai', NOW)).toBeNull();
    expect(findSessionCookie(c('notlangwatch.ai'), 'https://langwatch.ai', NOW)).toBeNull();
    expect(findSessionCookie(c('app.langwatch.ai.evil.com'), 'https://app.langwatch.ai', NOW)).toBeNull();
  });

  it('ignores empty, expired and wrongly scoped values', () => {
    const base = { name: 'better-auth.session_token', domain: 'lw.example.com' };
    expect(findSessionCookie([{ ...base, value: '' }], 'https://lw.example.com', NOW)).toBeNull();
    expect(
      findSessionCookie([{ ...base, value: 'v', expirationDate: NOW / 1000 - 1 }], 'https://lw.example.com', NOW),
    ).toBeNull();
    expect(findSessionCookie([{ ...base, value: 'v', path: '/other' }], 'https://lw.example.com', NOW)).toBeNull();
    expect(findSessionCookie([{ ...base, value: 'v', secure: true }], 'http://lw.example.com', NOW)).toBeNull();
    expect(findSessionCookie([{ ...base, value: 'v' }], 'not a url', NOW)).toBeNull();
  });

  it('accepts only a Secure cookie on an https deployment', () => {
    const plain = { name: '__Secure-better-auth.session_token', value: 'v', domain: 'lw.example.com' };
    expect(findSessionCookie([plain], 'https://lw.example.com', NOW)).toBeNull();
    expect(findSessionCookie([{ ...plain, secure: false }], 'https://lw.example.com', NOW)).toBeNull();
    expect(
      findSessionCookie([{ ...plain, name: 'better-auth.session_token' }], 'https://lw.example.com', NOW),
    ).toBeNull();
    expect(findSessionCookie([{ ...plain, secure: true }], 'https://lw.example.com', NOW)).toBe(
      '__Secure-better-auth.session_token=v',
    );
  });

  it('prefers the name matching the scheme', () => {
    const cookies = [
      { name: 'better-auth.session_token', value: 'plain', secure: true },
      { name: '__Secure-better-auth.session_token', value: 'secure', secure: true },
    ];
    expect(findSessionCookie(cookies, 'https://x.example', NOW)).toBe('__Secure-better-auth.session_token=secure');
  });
});

describe('sessionCookieFromSetCookie', () => {
  it('keeps the exact pair and skips cleared cookies', () => {
    expect(
      sessionCookieFromSetCookie([
        'better-auth.session_data=zzz; Path=/',
        'better-auth.session_token=tok.sig%2F; Max-Age=2592000; Path=/; HttpOnly; SameSite=Lax',
      ]),
    ).toBe('better-auth.session_token=tok.sig%2F');
    expect(sessionCookieFromSetCookie('better-auth.session_token=; Max-Age=0; Path=/')).toBeNull();
    expect(sessionCookieFromSetCookie('better-auth.session_token=x; Max-Age=0')).toBeNull();
    expect(sessionCookieFromSetCookie(undefined)).toBeNull();
  });
});

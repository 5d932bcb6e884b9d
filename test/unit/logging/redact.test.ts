import { describe, expect, it } from 'vitest';
import { REDACTED, isSecretKey, redactSecrets, redactValue } from '../../../src-main/services/logging/redact';
import { makeSecrets } from './fixtures';

const s = makeSecrets();

/** The exact secret must be gone, and so must any 12-char slice of it (no partial leaks). */
function expectAbsent(text: string, secret: string): void {
  expect(text).not.toContain(secret);
  for (let i = 0; i + 12 <= secret.length; i += 6) {
    const slice = secret.slice(i, i + 12);
    // Slices that are only the public prefix (`sk-ant-api01`) are not secret.
    if (/^(sk-ant-|lw_(is|at|rt)_|enc:v1:|eyJhbGci)/.test(slice) || slice.startsWith('sk-ant')) continue;
    expect(text, `slice ${slice}`).not.toContain(slice);
  }
}

describe('redactSecrets', () => {
  it.each([
    ['compliance key', `using key ${s.compliance} for org`, s.compliance, 'sk-ant-api01-[REDACTED]'],
    ['admin key', `key=${s.admin}`, s.admin, 'sk-ant-admin01-[REDACTED]'],
    ['claude key', `"${s.claude}"`, s.claude, 'sk-ant-api03-[REDACTED]'],
    ['unknown kind', `k sk-ant-oat07-${s.bearerOpaque}`, s.bearerOpaque, 'sk-ant-oat07-[REDACTED]'],
    ['ingest secret', `ingestSecret ${s.ingest} issued`, s.ingest, 'lw_is_[REDACTED]'],
    ['access token', `got ${s.access}`, s.access, 'lw_at_[REDACTED]'],
    ['refresh token', `(${s.refresh})`, s.refresh, 'lw_rt_[REDACTED]'],
    ['sealed blob', `stored ${s.sealed} ok`, s.sealed, 'enc:v1:[REDACTED]'],
    ['jwt', `id ${s.jwt}`, s.jwt, 'eyJ[REDACTED]'],
  ])('%s', (_name, text, secret, hint) => {
    const out = redactSecrets(text);
    expectAbsent(out, secret);
    expect(out).toContain(hint);
  });

  it('BetterAuth cookies, raw, URL-encoded, __Secure- and inside URLs', () => {
    const texts = [
      `better-auth.session_token=${s.cookieRaw}; Path=/`,
      `__Secure-better-auth.session_token=${s.cookieEncoded}`,
      `https://lw.example/cb?c=better-auth.session_token%3D${s.cookieEncoded}&next=/`,
      `jar: {"name":"better-auth.session_token","value":"${s.cookieEncoded}"}`,
    ];
    for (const text of texts) {
      const out = redactSecrets(text);
      expectAbsent(out, s.cookieRaw);
      expectAbsent(out, s.cookieEncoded);
    }
    expect(redactSecrets(texts[1] ?? '')).toBe(`__Secure-better-auth.session_token=${REDACTED}`);
    expect(redactSecrets(texts[2] ?? '')).toContain('&next=/');
  });

  it('Cookie and Set-Cookie headers keep names only', () => {
    const cookie = redactSecrets(
      `Cookie: theme=dark; better-auth.session_token=${s.cookieEncoded}; sid=${s.bearerOpaque}`,
    );
    expect(cookie).toBe(`Cookie: theme=${REDACTED}; better-auth.session_token=${REDACTED}; sid=${REDACTED}`);
    const set = redactSecrets(
      `set-cookie: __Secure-better-auth.session_token=${s.cookieRaw}; Path=/; HttpOnly; Secure\nnext line`,
    );
    expect(set).toBe(`set-cookie: __Secure-better-auth.session_token=${REDACTED}\nnext line`);
    const bare = redactSecrets(`Cookie: ${s.bearerOpaque}`);
    expectAbsent(bare, s.bearerOpaque);
  });

  it('Authorization and x-api-key headers', () => {
    const cases = [
      [`Authorization: Bearer ${s.access}`, 'Authorization: Bearer lw_at_[REDACTED]', s.access],
      [`authorization: Bearer ${s.bearerOpaque}`, 'authorization: Bearer [REDACTED]', s.bearerOpaque],
      [
        `Authorization: Basic ${Buffer.from(`u:${s.password}`).toString('base64')}`,
        'Authorization: Basic [REDACTED]',
        s.password,
      ],
      [`x-api-key: ${s.compliance}`, 'x-api-key: sk-ant-api01-[REDACTED]', s.compliance],
      [`X-Api-Key: ${s.bearerOpaque}`, 'X-Api-Key: [REDACTED]', s.bearerOpaque],
      [`sending Bearer ${s.bearerOpaque} now`, 'sending Bearer [REDACTED] now', s.bearerOpaque],
    ] as const;
    for (const [text, expected, secret] of cases) {
      const out = redactSecrets(text);
      expect(out).toBe(expected);
      expectAbsent(out, secret);
    }
  });

  it('JSON fields and form bodies named like secrets', () => {
    const json = JSON.stringify({
      email: 'ada@example.com',
      password: s.password,
      refresh_token: s.bearerOpaque,
      headers: { 'x-api-key': s.bearerOpaque, cookie: `a=${s.cookieRaw}` },
    });
    const out = redactSecrets(json);
    expect(out).toContain('"password":"[REDACTED]"');
    expect(out).toContain('"email":"ada@example.com"');
    expectAbsent(out, s.password);
    expectAbsent(out, s.bearerOpaque);
    expectAbsent(out, s.cookieRaw);
    expect(() => JSON.parse(out)).not.toThrow();
    const quoted = redactSecrets(JSON.stringify({ password: `a"b\\${s.password}` }));
    expect(quoted).toBe('{"password":"[REDACTED]"}');
    const form = redactSecrets(`email=ada%40example.com&password=${encodeURIComponent(s.password)}&x=1`);
    expect(form).toBe(`email=ada%40example.com&password=${REDACTED}&x=1`);
  });

  it('leaves ordinary text alone', () => {
    const ordinary = [
      'source src_123 created for org org_9f8e7d in team team_abc',
      'the token expired; ask for a new token and keep the cookie jar small',
      'GET https://app.langwatch.ai/api/trpc/ingestionSources.list?batch=1 200 in 312ms',
      'fingerprint sk-ant-api01-…a1b2 staged as staged:01HZX3K4Q2',
      'auth.session_expired: sign in again',
      'password reset email sent; the bearer of this news is the server',
      '{"tokenCount":12,"hasToken":true,"name":"Compliance feed"}',
      'retry 3/5 after 2000 ms (Retry-After)',
    ];
    for (const text of ordinary) expect(redactSecrets(text)).toBe(text);
  });

  it('holds for many random values of every shape (no lucky alphabet)', () => {
    for (let i = 0; i < 300; i++) {
      const r = makeSecrets();
      const text = [
        `k=${r.compliance} a=${r.admin} c=${r.claude} ${r.ingest} ${r.access} ${r.refresh} ${r.sealed} ${r.jwt}`,
        `sending Bearer ${r.bearerOpaque}`,
        `x-api-key: ${r.bearerOpaque}`,
        `u=better-auth.session_token=${r.cookieEncoded}&z=1 {"password":"${r.password}"}`,
        `Cookie: a=${r.cookieRaw}; b=${r.bearerOpaque}`,
      ].join('\n');
      const out = redactSecrets(text);
      for (const secret of Object.values(r)) expect(out).not.toContain(secret);
    }
  });

  it('is idempotent', () => {
    const text = `Authorization: Bearer ${s.access} Cookie: better-auth.session_token=${s.cookieRaw}`;
    const once = redactSecrets(text);
    expect(redactSecrets(once)).toBe(once);
  });
});

describe('redactValue', () => {
  it('redacts secret-named keys whole, deep, and strings by shape', () => {
    const input = {
      id: 'src_123',
      password: s.password,
      apiKey: s.compliance,
      hasToken: true,
      tokenCount: 3,
      nested: {
        parserConfig: { credentials: { token: s.compliance }, pollEverySec: 60 },
        headers: { Authorization: `Bearer ${s.access}`, 'Set-Cookie': [`x=${s.cookieRaw}`] },
        note: `key ${s.admin} pasted`,
      },
      list: [{ refreshToken: s.refresh }, `sealed ${s.sealed}`],
      clientSecret: null,
      device_code: s.bearerOpaque,
    };
    const out = redactValue(input);
    const text = JSON.stringify(out);
    for (const secret of [
      s.password,
      s.compliance,
      s.access,
      s.cookieRaw,
      s.admin,
      s.refresh,
      s.sealed,
      s.bearerOpaque,
    ]) {
      expectAbsent(text, secret);
    }
    expect(out).toMatchObject({
      id: 'src_123',
      password: REDACTED,
      hasToken: true,
      tokenCount: 3,
      clientSecret: null,
      nested: {
        parserConfig: { credentials: REDACTED, pollEverySec: 60 },
        note: 'key sk-ant-admin01-[REDACTED] pasted',
      },
    });
    // The input is not mutated.
    expect(input.password).toBe(s.password);
  });

  it('handles errors, cycles, dates, buffers, maps', () => {
    const err = Object.assign(new Error(`bad key ${s.compliance}`), { code: 'E1' });
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const out = redactValue({
      err,
      cyclic,
      at: new Date(0),
      buf: Buffer.from(s.password),
      map: new Map([['token', s.access]]),
      jar: [{ name: 'better-auth.session_token', value: s.cookieEncoded, domain: 'lw.example', httpOnly: true }],
    }) as Record<string, unknown>;
    expect(out.err).toEqual({ name: 'Error', code: 'E1', message: 'bad key sk-ant-api01-[REDACTED]' });
    expect(out.cyclic).toEqual({ name: 'loop', self: '[Circular]' });
    expect(out.at).toBe('1970-01-01T00:00:00.000Z');
    expect(out.buf).toBe(`[binary ${Buffer.byteLength(s.password)} bytes]`);
    expect(out.map).toEqual({ token: REDACTED });
    expect(out.jar).toEqual([
      { name: 'better-auth.session_token', value: REDACTED, domain: 'lw.example', httpOnly: true },
    ]);
  });

  it('knows secret key names', () => {
    for (const key of [
      'password',
      'token',
      'cookie',
      'secret',
      'apiKey',
      'authorization',
      'credentials',
      'x-api-key',
      'set-cookie',
      'ingestSecret',
      'access_token',
    ]) {
      expect(isSecretKey(key), key).toBe(true);
    }
    for (const key of ['tokenCount', 'id', 'name', 'secretsCount', 'cookieJarSize', 'fingerprint']) {
      expect(isSecretKey(key), key).toBe(false);
    }
  });
});

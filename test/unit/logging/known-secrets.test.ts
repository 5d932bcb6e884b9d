import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEchoMemory } from '../../../src-main/services/logging/echo-memory';
import { createKnownSecrets } from '../../../src-main/services/logging/known-secrets';
import { rememberingSecretStore } from '../../../src-main/services/secrets/remembering-store';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { redactSecrets } from '../../../src-main/services/logging/redact';

describe('known secrets (redaction by value)', () => {
  it('redacts a value of any shape, and the forms a server echoes it in', () => {
    const reg = createKnownSecrets();
    const key = 'vault:ab+cd/ef=gh "q"';
    reg.remember(key);
    const text = `raw ${key} url ${encodeURIComponent(key)} json ${JSON.stringify({ k: key })}`;
    const out = reg.redactText(text);
    expect(out).not.toContain('ab+cd');
    expect(out).not.toContain(encodeURIComponent('ab+cd'));
    expect(out.match(/\[REDACTED\]/g)).toHaveLength(3);
  });

  it('a cookie pair: its value, decoded value and token part; device tokens: each field', () => {
    const reg = createKnownSecrets();
    reg.remember('better-auth.session_token=tokenPart123.sig%2Bnature');
    reg.remember(JSON.stringify({ access_token: 'acc-123456789', refresh_token: 'ref-987654321' }));
    const out = reg.redactText(
      'a tokenPart123.sig%2Bnature b tokenPart123.sig+nature c tokenPart123 d acc-123456789 e ref-987654321',
    );
    expect(out).toBe('a [REDACTED] b [REDACTED] c [REDACTED] d [REDACTED] e [REDACTED]');
  });

  it('a text cut in the middle of a secret (a truncated server message) loses that tail too', () => {
    const reg = createKnownSecrets();
    const key = 'vault-0123456789abcdef0123456789abcdef';
    reg.remember(key);
    expect(reg.redactText(`Received: ${key.slice(0, 20)}…`)).toBe('Received: [REDACTED]…');
    expect(reg.redactText(`Received: ${key.slice(0, 20)}`)).toBe('Received: [REDACTED]');
    expect(reg.redactDeep({ message: `echo ${key.slice(0, 12)}...` })).toEqual({ message: 'echo [REDACTED]...' });
    // Too short a start stays (it could be any word), and so does a key's public prefix alone.
    expect(reg.redactText('ends with vault-0')).toBe('ends with vault-0');
    reg.remember('sk-ant-api01-abcdefghijklmnop');
    expect(reg.redactText('a key starts with sk-ant-api01-abc')).toBe('a key starts with sk-ant-api01-abc');
    expect(reg.redactText('cut: sk-ant-api01-abcdefgh…')).toBe('cut: [REDACTED]…');
  });

  it('deep values: a copy only when a secret is there; the value itself otherwise', () => {
    const reg = createKnownSecrets();
    reg.remember('s3cret-value');
    const clean = { a: [{ b: 'nothing here' }] };
    expect(reg.redactDeep(clean)).toBe(clean);
    const dirty = { a: [{ b: 'echo s3cret-value' }], n: 3, t: true };
    expect(reg.redactDeep(dirty)).toEqual({ a: [{ b: 'echo [REDACTED]' }], n: 3, t: true });
    expect(dirty.a[0]!.b).toBe('echo s3cret-value');
  });

  it('forgotten values are recognised by their hashes alone; short values are ignored; bounded', () => {
    const memory = createEchoMemory({ key: randomBytes(32), now: Date.now, maxEntries: 2 });
    const reg = createKnownSecrets({ maxLive: 3, memory });
    reg.remember('abc');
    expect(reg.size()).toBe(0);
    reg.remember('secret-0123456789-first');
    reg.forget('secret-0123456789-first');
    expect(reg.size()).toBe(0);
    expect(reg.redactText('echo secret-0123456789-first')).toBe('echo [REDACTED]');
    reg.remember('secret-0123456789-second');
    reg.forget('secret-0123456789-second');
    reg.remember('secret-0123456789-third');
    reg.forget('secret-0123456789-third');
    expect(memory.entries()).toHaveLength(2);
    expect(reg.redactText('secret-0123456789-first')).toBe('secret-0123456789-first');
    for (let i = 0; i < 10; i++) reg.remember(`live-secret-${i}`);
    expect(reg.redactText('live-secret-0')).toBe('live-secret-0');
    expect(reg.redactText('live-secret-9')).toBe('[REDACTED]');
  });

  it('the remembering store registers what is stored or read, and forgets on delete', async () => {
    const reg = createKnownSecrets();
    const inner = createMemorySecretStore({ 'session:p1': 'better-auth.session_token=from-disk-cookie' });
    const store = rememberingSecretStore(inner, reg);
    await store.set('staged:a', 'staged-key-value');
    expect(reg.redactText('staged-key-value')).toBe('[REDACTED]');
    await store.get('session:p1');
    expect(reg.redactText('from-disk-cookie')).toBe('[REDACTED]');
    await store.delete('staged:a');
    // The value is gone; its hashes still recognise an echo.
    expect(reg.redactText('staged-key-value')).toBe('[REDACTED]');
    await store.set('staged:b', 'short-key-value');
    await store.delete('staged:b');
    // Shorter than a probe: nothing of it is kept once it is gone.
    expect(reg.redactText('short-key-value')).toBe('short-key-value');
  });
});

describe('shape-based redaction covers every key shape the composer accepts', () => {
  it.each([
    ['short compliance key', 'sk-ant-api01-abc'],
    ['admin key with symbols', 'sk-ant-admin01-Ab+c/d=e.f~g!h@i#j$k%l^m&n*o:p?q|r'],
    ['claude api key', 'sk-ant-api03-' + 'x'.repeat(40)],
    ['future kind', 'sk-ant-oat01-' + 'y'.repeat(20)],
  ])('%s', (_what, key) => {
    const out = redactSecrets(`the key ${key} was refused`);
    expect(out).not.toContain(key.slice(-3));
    expect(out).toContain('[REDACTED]');
  });

  it('keeps fingerprints and prose readable', () => {
    expect(redactSecrets('key sk-ant-api01-…a1b2 staged')).toBe('key sk-ant-api01-…a1b2 staged');
    expect(redactSecrets('Create a Compliance Access Key (sk-ant-api01-…) in claude.ai')).toContain('(sk-ant-api01-…)');
  });
});

describe('a staged secret unit (one JSON item of several secrets)', () => {
  it('each of its values is redacted, as is, percent-encoded and JSON-escaped, while it is live and by hash after', () => {
    const reg = createKnownSecrets();
    const unit = { clientId: 'genie-client-5f2c9a7e41b3d2c8', clientSecret: 'dose+Gen/ie=Secret~9c1e7a3b5d7f' };
    const item = JSON.stringify(unit);
    reg.remember(item);
    const forms = Object.values(unit).flatMap((v) => [v, encodeURIComponent(v), JSON.stringify(v).slice(1, -1)]);
    const out = reg.redactText(forms.join(' | '));
    for (const form of forms) expect(out).not.toContain(form);
    // A server message cut inside the percent-encoded form of one of them loses that tail too.
    const cut = encodeURIComponent(unit.clientSecret).slice(0, 24);
    expect(reg.redactText(`Received: ${cut}…`)).toBe('Received: [REDACTED]…');
    reg.forget(item);
    // Wiped: no value is held any more, yet an echo of either secret is still recognised (by the hash of its tail).
    const later = reg.redactText(`echo ${unit.clientSecret.slice(-20)} and ${unit.clientId}`);
    expect(later).not.toContain(unit.clientSecret.slice(-16));
    expect(later).not.toContain(unit.clientId.slice(-16));
  });
});

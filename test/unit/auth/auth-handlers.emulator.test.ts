/**
 * The auth.* and profiles.* channels end to end through the real dispatcher, handler table and
 * services, against the emulator: the error mapping the sign-in screen relies on, and that no
 * answer or event carries the password, cookie or tokens.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../emulator';
import { startLangwatchProxy } from '../../../e2e/harness/langwatch-proxy';
import { SEED } from '../../../emulator/seed';
import { createDispatcher, type Dispatcher } from '../../../src-main/ipc/dispatcher';
import { createHandlerTable } from '../../../src-main/ipc/handlers';
import { createServices, type Services } from '../../../src-main/services/create-services';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const SENDER = { frameUrl: 'http://renderer.test/index.html', isMainFrame: true, windowId: 'w' };

describe('auth and profiles channels against the emulator', () => {
  let emulator: Emulator;
  let dir: string;
  let services: Services;
  let dispatcher: Dispatcher;
  let events: Array<{ name: string; payload: unknown }>;
  let answers: unknown[];
  let opened: string[];
  let browserCookie: string | null;

  beforeEach(async () => {
    emulator = await startEmulator({ pullerSchedule: false });
    dir = mkdtempSync(join(tmpdir(), 'lw-auth-handlers-'));
    opened = [];
    browserCookie = null;
    services = await createServices({
      config: {
        mode: 'test',
        userDataDir: dir,
        secretBackend: 'memory',
        defaultLangwatchUrl: emulator.langwatchUrl,
        defaultAnthropicUrl: emulator.anthropicUrl,
      },
      version: '0.0.0-test',
      secrets: createMemorySecretStore(),
      ports: {
        openExternal: async (url) => void opened.push(url),
        browserSignIn: async () => browserCookie,
      },
    });
    events = [];
    services.events.addSink((name, payload) => events.push({ name, payload }));
    dispatcher = createDispatcher({
      handlers: createHandlerTable(services),
      senderPolicy: { trustedUrls: [SENDER.frameUrl], isOurWindow: (id) => id === 'w' },
      log: services.log.child('ipc'),
    });
    answers = [];
  });

  afterEach(async () => {
    await services.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const invoke = async (channel: string, input: unknown) => {
    const result = await dispatcher.dispatch(channel, input, SENDER);
    answers.push(result);
    // The answers are checked field by field below; `any` keeps those reads short.
    return result as {
      ok: boolean;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      value?: any;
      error?: { code: string; message: string; details?: Record<string, unknown> };
    };
  };
  const profileId = () => services.auth.state().activeProfileId!;
  const rendererText = () => JSON.stringify({ answers, events });

  it('methods: password on an email deployment, browser only when it is SSO', async () => {
    expect(await invoke('auth.methods', { profileId: profileId() })).toEqual({
      ok: true,
      value: { password: true, browser: true, device: true },
    });
    emulator.control.setEmailPasswordEnabled(false);
    expect((await invoke('auth.methods', { profileId: profileId() })).value).toEqual({
      password: false,
      browser: true,
      device: true,
    });
  });

  it('methods: unreachable deployment and "not LangWatch" get specific errors', async () => {
    const unreachable = await invoke('profiles.add', { name: 'Nowhere', baseUrl: 'http://127.0.0.1:9' });
    const r1 = await invoke('auth.methods', { profileId: unreachable.value.id });
    expect(r1.error).toMatchObject({ code: 'network.offline' });
    expect(r1.error!.message).toMatch(/unreachable/);

    const html: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>hello, I am a blog</html>');
    });
    await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
    try {
      const port = (html.address() as { port: number }).port;
      const blog = await invoke('profiles.add', { baseUrl: `http://127.0.0.1:${port}/some/path` });
      expect(blog.value.baseUrl).toBe(`http://127.0.0.1:${port}`);
      const r2 = await invoke('auth.methods', { profileId: blog.value.id });
      expect(r2.error).toMatchObject({ code: 'network.unexpected_answer' });
      expect(r2.error!.message).toMatch(/not like a LangWatch deployment/);
    } finally {
      await new Promise((resolve) => html.close(resolve));
    }
  });

  it('email sign-in: good, wrong password, disabled, rate limited (with the wait); never echoes the password', async () => {
    const { email, password } = SEED.users.admin;
    const wrong = await invoke('auth.signInWithEmail', {
      profileId: profileId(),
      email,
      password: 'not-the-password-1234',
    });
    expect(wrong.error).toMatchObject({
      code: 'auth.invalid_credentials',
      message: 'Wrong email or password. Check them and try again.',
    });

    emulator.control.setEmailPasswordEnabled(false);
    const disabled = await invoke('auth.signInWithEmail', { profileId: profileId(), email, password });
    expect(disabled.error).toMatchObject({ code: 'auth.password_disabled', details: { browserAvailable: true } });
    emulator.control.setEmailPasswordEnabled(true);

    const good = await invoke('auth.signInWithEmail', { profileId: profileId(), email, password });
    expect(good.value).toMatchObject({ kind: 'signed_in', method: 'email', user: { email } });
    const cookie = (await services.sessions.getCookie(profileId()))!;
    expect(cookie).toMatch(/session_token=/);

    emulator.control.setSignInLimit(0);
    const limited = await invoke('auth.signInWithEmail', { profileId: profileId(), email, password });
    expect(limited.error!.code).toBe('auth.rate_limited');
    expect(limited.error!.details!.retryAfterSec).toBeGreaterThan(0);
    expect(limited.error!.message).toMatch(/Wait \d+/);

    const text = rendererText();
    for (const secret of [password, 'not-the-password-1234', cookie, cookie.split('=')[1]!])
      expect(text).not.toContain(secret);
  });

  it('rejects a password over 1024 characters without saying what it was', async () => {
    const long = 'p'.repeat(1025);
    const r = await invoke('auth.signInWithEmail', { profileId: profileId(), email: 'a@b.c', password: long });
    expect(r.error!.code).toBe('ipc.invalid_input');
    expect(JSON.stringify(r)).not.toContain(long);
  });

  it('browser sign-in adopts the cookie the window captured; a closed window is "cancelled"', async () => {
    expect((await invoke('auth.signInWithBrowser', { profileId: profileId() })).value).toEqual({
      outcome: 'cancelled',
    });
    // Sign in elsewhere to get a real cookie, then let the "window" hand it over.
    const other = await fetch(`${emulator.langwatchUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: emulator.langwatchUrl },
      body: JSON.stringify({ email: SEED.users.admin.email, password: SEED.users.admin.password }),
    });
    browserCookie = other.headers.get('set-cookie')!.split(';')[0]!;
    const r = await invoke('auth.signInWithBrowser', { profileId: profileId() });
    expect(r.value).toMatchObject({ outcome: 'signed_in', session: { kind: 'signed_in', method: 'browser' } });
    expect(await services.sessions.getCookie(profileId())).toBe(browserCookie);
    expect(rendererText()).not.toContain(browserCookie.split('=')[1]!);
  });

  it('device sign-in: code, validated approval page, denied result event', async () => {
    const started = await invoke('auth.startDeviceSignIn', { profileId: profileId() });
    expect(started.value.userCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(started.value.verificationUriComplete.startsWith(`${emulator.langwatchUrl}/`)).toBe(true);
    expect((await invoke('auth.openVerificationPage', { profileId: profileId() })).value).toEqual({ opened: true });
    expect(opened).toEqual([started.value.verificationUriComplete]);
    emulator.control.denyDevice(started.value.userCode);
    await expect
      .poll(() => events.find((e) => e.name === 'auth.deviceResult')?.payload, { timeout: 15_000 })
      .toMatchObject({
        profileId: profileId(),
        outcome: 'denied',
      });
  }, 20_000);

  it('device sign-in: an approval page on another origin is shown with both origins and opened only once confirmed', async () => {
    // The profile reaches LangWatch through another address (an alias); LangWatch builds the
    // link from its own configured public address, as the real server does.
    const proxy = await startLangwatchProxy(emulator.langwatchUrl);
    try {
      await invoke('profiles.edit', { profileId: profileId(), baseUrl: proxy.url });
      const started = await invoke('auth.startDeviceSignIn', { profileId: profileId() });
      expect(started.ok).toBe(true);
      expect(started.value).toMatchObject({
        approvalOrigin: new URL(emulator.langwatchUrl).origin,
        deploymentOrigin: new URL(proxy.url).origin,
      });
      const refused = await invoke('auth.openVerificationPage', { profileId: profileId() });
      expect(refused.error).toMatchObject({
        code: 'auth.invalid_origin',
        details: { approvalOrigin: started.value.approvalOrigin },
      });
      expect(
        (await invoke('auth.openVerificationPage', { profileId: profileId(), confirmedOrigin: 'https://evil.example' }))
          .ok,
      ).toBe(false);
      expect(opened).toEqual([]);
      const confirmed = await invoke('auth.openVerificationPage', {
        profileId: profileId(),
        confirmedOrigin: started.value.approvalOrigin,
      });
      expect(confirmed.value).toEqual({ opened: true });
      expect(opened).toEqual([started.value.verificationUriComplete]);
      await invoke('auth.cancelDeviceSignIn', { profileId: profileId() });
    } finally {
      await proxy.close();
    }
  });

  it('cancelling a device sign-in reports "cancelled"; opening without one is not_found', async () => {
    expect((await invoke('auth.openVerificationPage', { profileId: profileId() })).error!.code).toBe('not_found');
    await invoke('auth.startDeviceSignIn', { profileId: profileId() });
    expect((await invoke('auth.cancelDeviceSignIn', { profileId: profileId() })).value).toEqual({ cancelled: true });
    await expect
      .poll(() => events.find((e) => e.name === 'auth.deviceResult')?.payload)
      .toMatchObject({ outcome: 'cancelled' });
  });

  it('profiles: https required except loopback, checkUrl normalises, remove forgets the keychain entries', async () => {
    expect((await invoke('profiles.checkUrl', { baseUrl: ' LW.Example.com/path ' })).value).toEqual({
      baseUrl: 'https://lw.example.com',
    });
    expect((await invoke('profiles.checkUrl', { baseUrl: 'http://lw.example.com' })).error!.code).toBe(
      'profile.invalid_url',
    );
    expect((await invoke('profiles.add', { baseUrl: 'http://lw.example.com' })).error!.code).toBe(
      'profile.invalid_url',
    );
    const added = await invoke('profiles.add', { name: 'Cloud', baseUrl: 'app.langwatch.ai' });
    expect(added.value).toMatchObject({ name: 'Cloud', baseUrl: 'https://app.langwatch.ai' });
    const renamed = await invoke('profiles.edit', { profileId: added.value.id, name: 'LangWatch Cloud' });
    expect(renamed.value.name).toBe('LangWatch Cloud');
    expect(services.auth.state().profiles.map((p) => p.name)).toContain('LangWatch Cloud');

    const { email, password } = SEED.users.admin;
    await invoke('auth.signInWithEmail', { profileId: profileId(), email, password });
    const id = profileId();
    expect(await services.secrets.listAccounts()).toContain(`session:${id}`);
    expect((await invoke('profiles.remove', { profileId: id })).value).toEqual({ removed: true, discardedEntries: 0 });
    expect((await services.secrets.listAccounts()).filter((a) => a.endsWith(`:${id}`))).toEqual([]);
    expect(services.auth.state().profiles.map((p) => p.id)).not.toContain(id);
  });

  it('editing the deployment URL ends the old session', async () => {
    const { email, password } = SEED.users.admin;
    await invoke('auth.signInWithEmail', { profileId: profileId(), email, password });
    await invoke('profiles.edit', { profileId: profileId(), baseUrl: 'http://127.0.0.1:9' });
    expect(await services.sessions.getCookie(profileId())).toBeNull();
    expect((await services.sessions.getState(profileId())).kind).toBe('signed_out');
  });

  it('sign-out revokes and leaves no keychain entry', async () => {
    const { email, password } = SEED.users.admin;
    await invoke('auth.signInWithEmail', { profileId: profileId(), email, password });
    const out = await invoke('auth.signOut', { profileId: profileId() });
    expect(out.value).toEqual({ kind: 'signed_out' });
    expect(
      (await services.secrets.listAccounts()).filter((a) => a.startsWith('session:') || a.startsWith('device:')),
    ).toEqual([]);
  });
});

/**
 * Electron security checklist (electronjs.org/docs/latest/tutorial/security), the items that
 * apply to this console. Window options and CSP are asserted in security.test.ts; this file
 * covers what index.ts registers (through the Electron-free hardenWebContents/hardenSession,
 * driven with fakes), that index.ts really calls them, and the IPC sender checks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import { createHandlerTable } from '../../../src-main/ipc/handlers';
import type { SenderInfo } from '../../../src-main/ipc/sender-guard';
import {
  hardenSession,
  hardenWebContents,
  RENDERER_CSP,
  type HardenedApp,
  type HardenedContents,
  type HardenedSession,
  type RefusableEvent,
} from '../../../src-main/security';
import { createNullLogger } from '../../../src-main/services/logging/logger';
import { IPC_CONTRACT } from '../../../src-shared/ipc/contract';

const ROOT = join(__dirname, '../../..');
const RENDERER = 'file:///app/out/renderer/index.html';

/** A fake webContents that records its listeners, so the test can fire Electron's events. */
class FakeContents implements HardenedContents {
  readonly listeners = new Map<string, (...args: never[]) => void>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  constructor(readonly id: number) {}
  on(event: string, listener: (...args: never[]) => void): unknown {
    this.listeners.set(event, listener);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  /** Fires will-navigate; true when the navigation was refused. */
  navigate(url: string): boolean {
    const event = refusable();
    (this.listeners.get('will-navigate') as (e: RefusableEvent, u: string) => void)(event, url);
    return event.refused;
  }
  attachWebview(): boolean {
    const event = refusable();
    (this.listeners.get('will-attach-webview') as (e: RefusableEvent) => void)(event);
    return event.refused;
  }
}

function refusable(): RefusableEvent & { refused: boolean } {
  const e = { refused: false, preventDefault: () => void (e.refused = true) };
  return e;
}

function hardenedApp(signInIds: number[] = []) {
  let created: ((event: unknown, contents: HardenedContents) => void) | null = null;
  const app: HardenedApp = {
    on(event, listener) {
      expect(event).toBe('web-contents-created');
      created = listener;
      return app;
    },
  };
  hardenWebContents(app, { rendererUrl: RENDERER, isSignInContents: (id) => signInIds.includes(id) });
  return {
    newContents(id: number): FakeContents {
      const contents = new FakeContents(id);
      expect(created, 'web-contents-created listener registered').not.toBeNull();
      created!({}, contents);
      return contents;
    },
  };
}

describe('every webContents is locked to the console page', () => {
  const app = hardenedApp([7]);

  it.each([
    ['https://evil.example/', true],
    ['file:///etc/passwd', true],
    ['javascript:alert(1)', true],
    ['data:text/html,<script>alert(1)</script>', true],
    [`${RENDERER}#/sources`, false],
  ])('will-navigate to %s refused: %s', (url, refused) => {
    expect(app.newContents(1).navigate(url)).toBe(refused);
  });

  it('denies every new window (window.open, target=_blank, middle-click)', () => {
    const contents = app.newContents(2);
    expect(contents.openHandler).not.toBeNull();
    for (const url of ['https://evil.example/', RENDERER, 'about:blank'])
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
  });

  it('refuses to attach any <webview>', () => {
    expect(app.newContents(3).attachWebview()).toBe(true);
  });

  it('lets only the sign-in window browse, and only over http(s)', () => {
    const signIn = app.newContents(7);
    expect(signIn.navigate('https://sso.example/authorize')).toBe(false);
    expect(signIn.navigate('http://127.0.0.1:5560/auth/signin')).toBe(false);
    expect(signIn.navigate('file:///etc/passwd')).toBe(true);
    expect(signIn.navigate('javascript:alert(1)')).toBe(true);
    expect(signIn.attachWebview()).toBe(true);
    expect(signIn.openHandler!({ url: 'https://sso.example/popup' })).toEqual({ action: 'deny' });
  });
});

describe('the default session', () => {
  function hardened() {
    const seen: {
      request?: Parameters<HardenedSession['setPermissionRequestHandler']>[0];
      check?: Parameters<HardenedSession['setPermissionCheckHandler']>[0];
      headers?: Parameters<HardenedSession['webRequest']['onHeadersReceived']>[0];
    } = {};
    hardenSession({
      setPermissionRequestHandler: (h) => void (seen.request = h),
      setPermissionCheckHandler: (h) => void (seen.check = h),
      webRequest: { onHeadersReceived: (l) => void (seen.headers = l) },
    });
    return seen;
  }

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'refuses the %s permission request',
    (permission) => {
      const { request } = hardened();
      let granted: boolean | undefined;
      request!({}, permission, (g) => void (granted = g));
      expect(granted).toBe(false);
    },
  );

  it('answers every permission check with false', () => {
    expect(hardened().check!()).toBe(false);
  });

  it('sets our CSP on every response, replacing none of the other headers', () => {
    const { headers } = hardened();
    let answer: { responseHeaders?: Record<string, string[]> } | undefined;
    headers!({ responseHeaders: { 'X-Other': ['1'] } }, (r) => void (answer = r));
    expect(answer?.responseHeaders).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [RENDERER_CSP] });
  });
});

describe('index.ts wires the hardening', () => {
  const source = readFileSync(join(ROOT, 'src-main/index.ts'), 'utf8');

  it('hardens every webContents before any window exists, and the default session on ready', () => {
    const hardenAt = source.indexOf('hardenWebContents(app,');
    // Whitespace-insensitive: the formatter may break `app.whenReady()` over two lines.
    const readyAt = source.search(/app\s*\.whenReady\(\)/);
    expect(hardenAt).toBeGreaterThan(-1);
    expect(readyAt).toBeGreaterThan(-1);
    expect(hardenAt).toBeLessThan(readyAt);
    expect(source).toMatch(/hardenSession\(session\.defaultSession\)/);
    // The window is built only through the audited literal in security.ts.
    expect(source).toMatch(/createConsoleWindow\(BrowserWindow,/);
    expect(source).not.toMatch(/new BrowserWindow\(/);
  });

  it('never loads remote content into the console window', () => {
    expect(source).toMatch(/loadFile\(rendererFile\)/);
    expect(source).not.toMatch(/mainWindow[^\n]*loadURL\(/);
  });

  it('trusts IPC only from its own window and renderer file', () => {
    expect(source).toMatch(/trustedUrls: \[rendererUrl\]/);
    expect(source).toMatch(/isOurWindow: \(id\) => mainWindow !== null && mainWindow\.webContents\.id === id/);
  });
});

describe('IPC sender checks over the real handler table', () => {
  const OUR = 'http://127.0.0.1:4000/';
  const ours: SenderInfo = { frameUrl: `${OUR}index.html`, isMainFrame: true, windowId: 1 };
  // Handlers are never reached by a refused sender, so services are not needed: any property
  // is another such proxy, and calling anything (a handler reaching a service) is recorded.
  const calls: string[] = [];
  const deep = (path: string): unknown =>
    new Proxy(function unused() {}, {
      get: (_t, key) => deep(`${path}.${String(key)}`),
      apply: () => {
        calls.push(path);
        throw new Error(`${path} ran for a refused sender`);
      },
    });
  const services = deep('services');
  const dispatcher = createDispatcher({
    handlers: createHandlerTable(services as never),
    senderPolicy: { trustedUrls: [OUR], isOurWindow: (id) => id === 1 },
    log: createNullLogger(),
  });

  const foreign: Array<[string, SenderInfo]> = [
    ['a sub-frame of our page', { ...ours, isMainFrame: false }],
    ['another window (the sign-in window)', { ...ours, windowId: 99 }],
    ['a remote origin', { ...ours, frameUrl: 'https://app.langwatch.ai/' }],
    ['another loopback port', { ...ours, frameUrl: 'http://127.0.0.1:4001/' }],
    ['a file: URL', { ...ours, frameUrl: 'file:///etc/passwd' }],
  ];

  it.each(foreign)('refuses %s on every channel of the contract', async (_label, sender) => {
    for (const channel of Object.keys(IPC_CONTRACT)) {
      const result = await dispatcher.dispatch(channel, {}, sender);
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'ipc.forbidden_sender' } });
    }
    expect(calls).toEqual([]);
  });
});

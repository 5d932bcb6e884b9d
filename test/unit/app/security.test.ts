import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createConsoleWindow,
  isAllowedNavigation,
  RENDERER_CSP,
  type ConsoleWindowOptions,
} from '../../../src-main/security';
import { FORBIDDEN_PRODUCTION_ROLES, productionMenuTemplate, type MenuItemTemplate } from '../../../src-main/app-menu';
import { isSignInNavigationAllowed } from '../../../src-main/services/auth/sign-in-navigation';

describe('console window hardening', () => {
  // A stand-in for Electron's BrowserWindow that keeps what it was built with.
  class FakeWindow {
    constructor(readonly options: ConsoleWindowOptions) {}
  }
  const { options } = createConsoleWindow(FakeWindow, '/app/out/preload/preload.js');

  it('sandboxes the renderer and isolates its context', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/preload.js',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('has no DevTools in production builds (the default), and keeps them when unpackaged', () => {
    expect(options.webPreferences.devTools).toBe(false);
    expect(createConsoleWindow(FakeWindow, '/p.js', { production: false }).options.webPreferences.devTools).toBe(true);
  });

  it('production menu: edit and quit only, nothing that opens DevTools or reloads the page', () => {
    const roles = (items: MenuItemTemplate[]): string[] =>
      items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])]);
    for (const platform of ['linux', 'win32', 'darwin']) {
      const menu = productionMenuTemplate(platform, 'LangWatch Ingestion Console');
      const all = roles(menu);
      expect(all).toEqual(expect.arrayContaining(['copy', 'paste', 'quit']));
      for (const forbidden of FORBIDDEN_PRODUCTION_ROLES) expect(all).not.toContain(forbidden);
      expect(menu.map((m) => m.label)).not.toContain('View');
    }
  });

  it('sign-in window: an https deployment never continues over http; only http(s) at all', () => {
    expect(isSignInNavigationAllowed('https://sso.example.com/login', 'https://lw.example.com')).toBe(true);
    expect(isSignInNavigationAllowed('http://lw.example.com/auth', 'https://lw.example.com')).toBe(false);
    expect(isSignInNavigationAllowed('http://127.0.0.1:5560/auth', 'http://127.0.0.1:5560')).toBe(true);
    expect(isSignInNavigationAllowed('javascript:alert(1)', 'http://127.0.0.1:5560')).toBe(false);
    expect(isSignInNavigationAllowed('not a url', 'https://lw.example.com')).toBe(false);
  });

  it('shows the window only once it is ready', () => {
    expect(options.show).toBe(false);
  });

  it('has a strict CSP: own scripts only, no network from the renderer, no frames', () => {
    const directives = Object.fromEntries(
      RENDERER_CSP.split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v.join(' ')]),
    );
    expect(directives).toMatchObject({
      'default-src': "'none'",
      'script-src': "'self'",
      'connect-src': "'none'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('ships the same CSP in the renderer page', () => {
    const html = readFileSync(join(__dirname, '../../../src-renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(RENDERER_CSP);
  });

  it.each([
    ['file:///app/out/renderer/index.html', 'file:///app/out/renderer/index.html', true],
    ['file:///app/out/renderer/index.html#x', 'file:///app/out/renderer/index.html', true],
    ['file:///etc/passwd', 'file:///app/out/renderer/index.html', false],
    ['https://evil.example/', 'file:///app/out/renderer/index.html', false],
    ['http://127.0.0.1:5173/other', 'http://127.0.0.1:5173/', true],
    ['http://127.0.0.1:5174/', 'http://127.0.0.1:5173/', false],
    ['javascript:alert(1)', 'file:///app/out/renderer/index.html', false],
    ['not a url', 'file:///app/out/renderer/index.html', false],
  ])('navigation to %s from %s allowed: %s', (target, own, allowed) => {
    expect(isAllowedNavigation(target, own)).toBe(allowed);
  });
});

/**
 * The renderer's Content-Security-Policy: only our own bundle runs, nothing is fetched from
 * the network by the renderer (all I/O goes through main), no inline scripts, no eval, no
 * frames, no plugins. The same string is in src-renderer/index.html's meta tag (a unit test
 * keeps them equal) and is sent as a header for responses Electron serves.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Creates the console window. Electron's constructor is passed in, so a unit test can assert
 * the exact options without Electron, and the options stay a literal that security scanners
 * (electronegativity) can read.
 */
export function createConsoleWindow<W>(
  BrowserWindow: new (options: ConsoleWindowOptions) => W,
  preloadPath: string,
  build: { production: boolean } = { production: true },
): W {
  return new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    // Shown on ready-to-show, so there is no white flash and no half-drawn window.
    show: false,
    title: 'LangWatch Ingestion Console',
    backgroundColor: '#111418',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Production builds cannot open DevTools (a console on the page could read the key field).
      devTools: !build.production,
    },
  });
}

/** The subset of BrowserWindowConstructorOptions the console sets. */
export interface ConsoleWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  title: string;
  backgroundColor: string;
  autoHideMenuBar: boolean;
  webPreferences: {
    preload: string;
    sandbox: boolean;
    contextIsolation: boolean;
    nodeIntegration: boolean;
    nodeIntegrationInWorker: boolean;
    nodeIntegrationInSubFrames: boolean;
    webSecurity: boolean;
    allowRunningInsecureContent: boolean;
    webviewTag: boolean;
    experimentalFeatures: boolean;
    spellcheck: boolean;
    navigateOnDragDrop: boolean;
    safeDialogs: boolean;
    devTools: boolean;
  };
}

/** The only navigation the console window may do is reloading its own page. */
export function isAllowedNavigation(targetUrl: string, rendererUrl: string): boolean {
  try {
    const target = new URL(targetUrl);
    const own = new URL(rendererUrl);
    if (own.protocol === 'file:') return target.protocol === 'file:' && target.pathname === own.pathname;
    return target.origin === own.origin;
  } catch {
    return false;
  }
}

/** What the hardening needs of a navigation/attach event: the one way to refuse it. */
export interface RefusableEvent {
  preventDefault(): void;
}

/** The part of Electron's `WebContents` the hardening touches (fakes in unit tests). */
export interface HardenedContents {
  readonly id: number;
  on(event: 'will-navigate', listener: (event: RefusableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: RefusableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The part of Electron's `app` the hardening touches. */
export interface HardenedApp {
  on(event: 'web-contents-created', listener: (event: unknown, contents: HardenedContents) => void): unknown;
}

/** The part of Electron's `Session` the hardening touches. */
export interface HardenedSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
}

/**
 * Every webContents (ours and any future one): no navigation away from our page, no new
 * windows, no webviews. The browser sign-in window (`isSignInContents`) may browse the
 * deployment and its SSO provider over http(s) only.
 */
export function hardenWebContents(
  app: HardenedApp,
  opts: { rendererUrl: string; isSignInContents: (id: number) => boolean },
): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (opts.isSignInContents(contents.id)) {
        if (!/^https?:/i.test(url)) event.preventDefault();
        return;
      }
      if (!isAllowedNavigation(url, opts.rendererUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** The default session: every permission request and check refused; our CSP on every response. */
export function hardenSession(session: HardenedSession): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
}

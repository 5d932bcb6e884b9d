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
export function createConsoleWindow<W>(BrowserWindow: new (options: ConsoleWindowOptions) => W, preloadPath: string): W {
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

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
 * BrowserWindow webPreferences for the console window. Kept as a plain object so a unit test
 * asserts every hardening flag without Electron.
 */
export function consoleWebPreferences(preloadPath: string) {
  return {
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
    enableBlinkFeatures: '',
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  } as const;
}

/** The console window's options (show only after ready-to-show, to avoid a white flash). */
export function consoleWindowOptions(preloadPath: string) {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'LangWatch Ingestion Console',
    backgroundColor: '#111418',
    autoHideMenuBar: true,
    webPreferences: consoleWebPreferences(preloadPath),
  } as const;
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

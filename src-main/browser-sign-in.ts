/**
 * The "Sign in with browser" window (SSO deployments): the deployment's own sign-in page in a
 * sandboxed window with a private, non-persistent session. The cookie capture itself is the
 * Electron-free `watchForSessionCookie` (unit-tested); this file only wires Electron to it.
 */
import { BrowserWindow, session, type BrowserWindow as BrowserWindowType } from 'electron';
import { randomBytes } from 'node:crypto';
import { watchForSessionCookie } from './services/auth/cookie-watch';
import { isSignInNavigationAllowed } from './services/auth/sign-in-navigation';
import type { BrowserSignInRequest } from './services/auth/ports';

/** The partition of one sign-in: no `persist:` prefix, so nothing of it ever reaches the disk. */
export function signInPartition(): string {
  return `lw-signin-${randomBytes(8).toString('hex')}`;
}

/** The webContents ids of open sign-in windows (index.ts lets only these leave the console's page). */
export const signInContents = new Set<number>();

/**
 * Opens the sign-in window on `<baseUrl>/auth/signin?callbackUrl=/`, resolves with the session
 * cookie pair as soon as it appears (then closes the window), or null when the person closes it.
 */
export async function electronBrowserSignIn(
  request: BrowserSignInRequest,
  parent?: BrowserWindowType | null,
  build: { production: boolean } = { production: true },
): Promise<string | null> {
  const partition = signInPartition();
  const ses = session.fromPartition(partition, { cache: false });
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  const win = new BrowserWindow({
    width: 520,
    height: 720,
    title: 'Sign in to LangWatch',
    parent: parent ?? undefined,
    modal: false,
    autoHideMenuBar: true,
    // A literal, so security scanners can read it: sandboxed, isolated, no preload, no Node,
    // and a private partition with no `persist:` prefix (nothing of it reaches the disk).
    webPreferences: {
      partition,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !build.production,
    },
  });
  signInContents.add(win.webContents.id);
  const contentsId = win.webContents.id;
  // An https deployment's sign-in never continues over plain http (link or server redirect).
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!isSignInNavigationAllowed(url, request.baseUrl)) event.preventDefault();
  };
  win.webContents.on('will-navigate', guard);
  win.webContents.on('will-redirect', guard);
  const closed = new Promise<void>((resolve) => win.once('closed', () => resolve()));
  const pair = watchForSessionCookie({
    baseUrl: request.baseUrl,
    readCookies: () => ses.cookies.get({}),
    subscribe(check) {
      const onCookie = () => check();
      ses.cookies.on('changed', onCookie);
      win.webContents.on('did-navigate', onCookie);
      win.webContents.on('did-finish-load', onCookie);
      return () => {
        ses.cookies.removeListener('changed', onCookie);
        if (!win.isDestroyed()) {
          win.webContents.removeListener('did-navigate', onCookie);
          win.webContents.removeListener('did-finish-load', onCookie);
        }
      };
    },
    closed,
    signal: request.signal,
  });
  const url = new URL('/auth/signin', request.baseUrl);
  url.searchParams.set('callbackUrl', '/');
  win.loadURL(url.toString()).catch(() => undefined);
  try {
    return await pair;
  } finally {
    signInContents.delete(contentsId);
    if (!win.isDestroyed()) win.close();
    // The private session is dropped with the window; clear it anyway so no cookie outlives it.
    await ses.clearStorageData().catch(() => undefined);
  }
}

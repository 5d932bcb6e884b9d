import type { Browser, BrowserContext, Page } from '@playwright/test';
import { watchForSessionCookie } from '../../src-main/services/auth/cookie-watch';
import type { AuthPorts } from '../../src-main/services/auth/ports';
import type { ClipboardPort } from '../../src-main/services/ingest-secrets/clipboard';
import type { JarCookie } from '../../src-main/services/langwatch/cookie-capture';

/**
 * The harness's versions of the two outside-world ports: "system browser" opens are recorded
 * (tests assert what would have been opened), and the browser sign-in window is a second
 * Playwright page in a FRESH browser context (its own cookie jar, like Electron's private
 * partition) read with `context.cookies()` through the same capture loop the app uses.
 */
export interface HarnessPorts {
  ports: AuthPorts;
  /** Every URL the console asked the system browser to open, in order. */
  openedUrls: string[];
  /** The open sign-in window; waits until the console opens one. */
  signInWindow(): Promise<Page>;
}

/** A clipboard in memory: what the console copied, until it clears it (or the test reads it). */
export function createFakeClipboard(): ClipboardPort & { text: string } {
  const clipboard = {
    text: '',
    writeText: (text: string) => void (clipboard.text = text),
    readText: () => clipboard.text,
    clear: () => void (clipboard.text = ''),
  };
  return clipboard;
}

export function createHarnessPorts(browser: Browser): HarnessPorts {
  const openedUrls: string[] = [];
  let current: Page | null = null;
  const waiters: Array<(page: Page) => void> = [];

  const toJar = async (context: BrowserContext): Promise<JarCookie[]> =>
    (await context.cookies()).map((c) => ({
      name: c.name,
      value: c.value,
      domain: c.domain,
      path: c.path,
      secure: c.secure,
      // Playwright reports session cookies with expires -1; the jar shape leaves it out.
      ...(c.expires > 0 ? { expirationDate: c.expires } : {}),
    }));

  const ports: AuthPorts = {
    async openExternal(url) {
      openedUrls.push(url);
    },
    async browserSignIn(request) {
      const context = await browser.newContext();
      const page = await context.newPage();
      current = page;
      for (const resolve of waiters.splice(0)) resolve(page);
      const closed = new Promise<void>((resolve) => page.once('close', () => resolve()));
      try {
        const pair = watchForSessionCookie({
          baseUrl: request.baseUrl,
          readCookies: () => toJar(context),
          subscribe(check) {
            page.on('framenavigated', check);
            page.on('load', check);
            return () => {
              page.off('framenavigated', check);
              page.off('load', check);
            };
          },
          closed,
          signal: request.signal,
        });
        const url = new URL('/auth/signin', request.baseUrl);
        url.searchParams.set('callbackUrl', '/');
        await page.goto(url.toString()).catch(() => undefined);
        return await pair;
      } finally {
        if (current === page) current = null;
        await context.close().catch(() => undefined);
      }
    },
  };

  return {
    ports,
    openedUrls,
    signInWindow() {
      if (current) return Promise.resolve(current);
      return new Promise<Page>((resolve) => waiters.push(resolve));
    },
  };
}

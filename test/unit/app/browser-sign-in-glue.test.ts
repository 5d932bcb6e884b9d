import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The SSO sign-in window (src-main/browser-sign-in.ts) under a recording stand-in for Electron:
// its private partition, hardened options, cookie capture and clean-up, without the binary.
describe('browser sign-in window under a stand-in for Electron', () => {
  it('opens the sign-in page in a private sandboxed window, returns the cookie pair once it appears, and cleans up', () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'fixtures/browser-sign-in-with-fake-electron.cjs')],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    const report = JSON.parse(out.trim().split('\n').pop()!);
    expect(report.pair).toBe('better-auth.session_token=tok.sig%2Bx');
    expect(report.closed).toBeNull();
    expect(report.loadedUrl).toBe('http://127.0.0.1:5560/auth/signin?callbackUrl=%2F');
    expect(report.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(report.webPreferences).not.toHaveProperty('preload');
    // Called without a build (as a packaged app would pass it): no DevTools on the sign-in page.
    expect(report.webPreferences.devTools).toBe(false);
    for (const p of report.partitions) {
      expect(p.partition).toMatch(/^lw-signin-[0-9a-f]{16}$/); // no `persist:` prefix: memory only
    }
    expect(new Set(report.partitions.map((p: { partition: string }) => p.partition)).size).toBe(3);
    expect(report.permission).toBe(false);
    expect(report.trackedWhileOpen).toBe(true);
    expect(report.trackedAfter).toBe(0);
    expect(report.firstClosed).toBe(true);
    expect(report.cleared).toBe(3);
    // https deployment: no plain-http hop, and a cookie without Secure is not taken.
    expect(report.httpsHops).toEqual({
      httpRedirect: true,
      httpNavigate: true,
      fileNavigate: true,
      httpsRedirect: false,
    });
    expect(report.settledOnInsecure).toBe(false);
    expect(report.securePair).toBe('__Secure-better-auth.session_token=secure-one');
  });
});

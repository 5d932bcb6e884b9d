import { describe, expect, it } from 'vitest';
import { watchForSessionCookie } from '../../../src-main/services/auth/cookie-watch';
import type { JarCookie } from '../../../src-main/services/langwatch/cookie-capture';

const BASE = 'http://127.0.0.1:5560';

/** A fake sign-in window: a jar, triggers and a close. */
function fakeWindow() {
  const jar: JarCookie[] = [];
  const subscribers = new Set<() => void>();
  let close!: () => void;
  const closed = new Promise<void>((resolve) => (close = resolve));
  let reads = 0;
  return {
    jar,
    closed,
    close,
    trigger: () => subscribers.forEach((s) => s()),
    get reads() {
      return reads;
    },
    get subscribers() {
      return subscribers.size;
    },
    source: {
      baseUrl: BASE,
      readCookies: async () => {
        reads++;
        return [...jar];
      },
      subscribe(check: () => void) {
        subscribers.add(check);
        return () => subscribers.delete(check);
      },
      closed,
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('watchForSessionCookie', () => {
  it('settles with the pair as soon as the cookie appears, then unsubscribes', async () => {
    const win = fakeWindow();
    const result = watchForSessionCookie(win.source);
    await tick();
    win.jar.push({ name: 'unrelated', value: 'x' });
    win.trigger();
    await tick();
    win.jar.push({ name: 'better-auth.session_token', value: 'tok.sig%3D', path: '/' });
    win.trigger();
    await expect(result).resolves.toBe('better-auth.session_token=tok.sig%3D');
    expect(win.subscribers).toBe(0);
  });

  it('finds a cookie that is already there when the window opens', async () => {
    const win = fakeWindow();
    win.jar.push({ name: 'better-auth.session_token', value: 'early' });
    await expect(watchForSessionCookie(win.source)).resolves.toBe('better-auth.session_token=early');
  });

  it('resolves null when the window is closed without a session', async () => {
    const win = fakeWindow();
    const result = watchForSessionCookie(win.source);
    await tick();
    win.close();
    await expect(result).resolves.toBeNull();
    expect(win.subscribers).toBe(0);
  });

  it('a cookie set right before the close still counts', async () => {
    const win = fakeWindow();
    const result = watchForSessionCookie(win.source);
    await tick();
    win.jar.push({ name: 'better-auth.session_token', value: 'last-moment' });
    win.close();
    await expect(result).resolves.toBe('better-auth.session_token=last-moment');
  });

  it('ignores cookies of another host and resolves null on abort', async () => {
    const win = fakeWindow();
    const controller = new AbortController();
    const result = watchForSessionCookie({ ...win.source, signal: controller.signal });
    win.jar.push({ name: 'better-auth.session_token', value: 'x', domain: 'evil.example' });
    win.trigger();
    await tick();
    controller.abort();
    await expect(result).resolves.toBeNull();
  });

  it('coalesces a burst of triggers into at most one extra read', async () => {
    const win = fakeWindow();
    const result = watchForSessionCookie(win.source);
    for (let i = 0; i < 20; i++) win.trigger();
    await tick();
    await tick();
    expect(win.reads).toBeLessThanOrEqual(3);
    win.close();
    await result;
  });

  it('a jar read failing (window closing) does not reject', async () => {
    const win = fakeWindow();
    let fail = true;
    const result = watchForSessionCookie({
      ...win.source,
      readCookies: async () => {
        if (fail) throw new Error('object destroyed');
        return [{ name: 'better-auth.session_token', value: 'after' }];
      },
    });
    await tick();
    fail = false;
    win.trigger();
    await expect(result).resolves.toBe('better-auth.session_token=after');
  });
});

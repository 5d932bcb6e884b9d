import { expect, test } from './fixtures';

test.describe('console shell in Chromium, bound to the real handler table', () => {
  test('starts, signals ready and navigates by keyboard', async ({ harness }) => {
    const { page } = harness;
    await expect(page.locator('#root')).toHaveAttribute('data-state', 'ready');
    await page.keyboard.press('Alt+4');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await expect(page.getByRole('button', { name: /Settings/ })).toHaveAttribute('aria-current', 'page');
    await page.getByRole('button', { name: /Settings/ }).focus();
    await page.keyboard.press('ArrowUp');
    await expect(page.getByRole('button', { name: /Outbox/ })).toHaveAttribute('aria-current', 'page');
  });

  test('one click goes renderer -> dispatcher -> keychain service -> back', async ({ harness }) => {
    const { page } = harness;
    await page.getByRole('button', { name: /Settings/ }).click();
    await expect(page.getByTestId('app-info')).toContainText(harness.userDataDir);
    await page.getByTestId('check-keychain').click();
    await expect(page.getByTestId('keychain-result')).toHaveText(/Keychain OK \(\d+ ms round trip\)/);
    // The self-check leaves nothing behind in the real keychain.
    const left = (await harness.services.secrets.listAccounts()).filter((a) => a.startsWith('selfcheck:'));
    expect(left).toEqual([]);
  });

  test('the bridge exposes only contract channels, and the guard refuses the rest', async ({ harness }) => {
    const { page } = harness;
    const shape = await page.evaluate(() => ({
      domains: Object.keys(window.lw ?? {}).sort(),
      frozen: Object.isFrozen(window.lw),
      unknown: typeof (window.lw as unknown as Record<string, unknown>)['invoke'],
    }));
    expect(shape.frozen).toBe(true);
    expect(shape.unknown).toBe('undefined');
    expect(shape.domains).toContain('app');
    const unknownChannel = await page.evaluate(() => window.__lwInvoke('app.format_disk', {}));
    expect(unknownChannel).toMatchObject({ ok: false, error: { code: 'ipc.unknown_channel' } });
    const badInput = await page.evaluate(() => window.__lwInvoke('app.info', { extra: 1 }));
    expect(badInput).toMatchObject({ ok: false, error: { code: 'ipc.invalid_input' } });
  });

  test.describe('with the CSP bypassed, so a frame can load at all', () => {
    test.use({ bypassCSP: true });
    test('a frame inside the page is a foreign sender', async ({ harness }) => {
      const { page } = harness;
      // The renderer's CSP forbids frames; even if one got in, an iframe of our own origin is
      // not the main frame and is refused.
      await page.evaluate(() => {
        const frame = document.createElement('iframe');
        frame.src = '/index.html?frame';
        frame.id = 'probe';
        document.body.appendChild(frame);
      });
      const frame = page.frameLocator('#probe');
      await frame.locator('#root[data-state="ready"]').waitFor();
      const child = page.frames().find((f) => f !== page.mainFrame())!;
      const answer = await child.evaluate(() => window.__lwInvoke('app.info', {}));
      expect(answer).toMatchObject({ ok: false, error: { code: 'ipc.forbidden_sender' } });
    });
  });
});

import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { SEED } from '../../emulator/seed';
import type { ConsoleHarness } from './console-harness';
import { expect, test } from './fixtures';
import { filesText } from '../../test/support/files';

const KEYS = SEED.anthropicKeys;
const ALL_KEYS = Object.values(KEYS);

/** The exact key values are nowhere in the user-data folder (logs included) or renderer-bound traffic. */
async function expectNoKeyLeak(harness: ConsoleHarness, extraKeys: string[] = []): Promise<void> {
  await harness.services.log.flush();
  const files = filesText(harness.userDataDir);
  const traffic = harness.rendererTrafficText();
  expect(files.length).toBeGreaterThan(0);
  expect(traffic.length).toBeGreaterThan(0);
  for (const key of [...ALL_KEYS, ...extraKeys]) {
    expect(files.includes(key), 'key found in the user-data folder').toBe(false);
    expect(traffic.includes(key), 'key found in renderer-bound traffic').toBe(false);
  }
}

/** A loopback server that records the headers of every request it gets. */
async function recordingServer(answer: (res: ServerResponse, self: { url: string }) => void) {
  const seen: IncomingHttpHeaders[] = [];
  const self = { url: '' };
  const server: Server = createServer((req, res) => {
    seen.push(req.headers);
    answer(res, self);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: self.url,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function openKeyTest(harness: ConsoleHarness): Promise<Page> {
  await harness.signIn('admin');
  const { page } = harness;
  await page.getByRole('button', { name: /Settings/ }).click();
  await expect(page.getByRole('heading', { name: 'Test a key' })).toBeVisible();
  return page;
}

/** Types `key`, clicks "Test key" and waits for the verdict card. */
async function testKey(page: Page, key: string, verdict: string) {
  await page.getByTestId('test-key-input').fill(key);
  await page.getByTestId('test-key').click();
  const card = page.getByTestId('key-check-result').getByTestId('key-verdict');
  await expect(card).toHaveAttribute('data-verdict', verdict);
  return card;
}

async function setAnthropicUrl(page: Page, url: string) {
  await page.getByTestId('anthropic-base-url').fill(url);
  await page.getByTestId('save-anthropic-base-url').click();
  await expect(page.getByTestId('anthropic-base-url-status')).toContainText(`Saved: ${new URL(url).origin}`);
}

const REQUEST_ID = /^req_/;

test.describe('key check: every verdict against the emulator', () => {
  test('valid key', async ({ harness }) => {
    const page = await openKeyTest(harness);
    const card = await testKey(page, KEYS.compliance, 'valid');
    await expect(card).toContainText('Key works');
    await expect(card).toContainText('sk-ant-api01-…');
    await expect(card.getByTestId('verdict-request-id')).toHaveText(REQUEST_ID);
    // The typed key is not kept anywhere: not in the keychain either.
    expect((await harness.services.secrets.listAccounts()).filter((a) => a.startsWith('staged:'))).toEqual([]);
    await expectNoKeyLeak(harness);
  });

  test('revoked key: invalid or revoked', async ({ harness }) => {
    const page = await openKeyTest(harness);
    const card = await testKey(page, KEYS.revoked, 'invalid_key');
    await expect(card).toContainText('Key invalid or revoked');
    await expect(card.getByTestId('verdict-request-id')).toHaveText(REQUEST_ID);
    await expectNoKeyLeak(harness);
  });

  test('admin key without the feed scope: missing scope, with the scopes it has', async ({ harness }) => {
    const page = await openKeyTest(harness);
    const card = await testKey(page, KEYS.adminNoFeed, 'missing_scope');
    await expect(card.getByTestId('verdict-scopes')).toContainText('admin:read');
    await expect(card.getByTestId('verdict-scopes')).toContainText('admin:write');
    await expect(card.getByTestId('verdict-request-id')).toHaveText(REQUEST_ID);
    await expectNoKeyLeak(harness);
  });

  test('rate limited: the key works, retry-after shown', async ({ harness, emulator }) => {
    emulator.control.faults.add({ route: '/v1/compliance/activities', kind: 'rateLimit', retryAfterSec: 7 });
    const page = await openKeyTest(harness);
    const card = await testKey(page, KEYS.compliance, 'rate_limited');
    await expect(card.getByTestId('verdict-retry-after')).toHaveText('Retry after 7 s.');
    await expect(card.getByTestId('verdict-request-id')).toHaveText(REQUEST_ID);
    await expectNoKeyLeak(harness);
  });

  test('rate limited by the shared organisation limit', async ({ harness, emulator }) => {
    emulator.control.setAnthropicRateLimit(0);
    const page = await openKeyTest(harness);
    const card = await testKey(page, KEYS.admin, 'rate_limited');
    await expect(card.getByTestId('verdict-retry-after')).toHaveText(/Retry after (\d+ s|\d+ min( \d+ s)?)\./);
    await expectNoKeyLeak(harness);
  });

  test('5xx twice: inconclusive, and Retry then reaches a verdict', async ({ harness, emulator }) => {
    emulator.control.faults.add({ route: '/v1/compliance/activities', kind: 'error5xx', status: 503, times: 2 });
    const page = await openKeyTest(harness);
    const card = await testKey(page, KEYS.compliance, 'inconclusive');
    await expect(card).toContainText('HTTP 503');
    await expect(card).toContainText('2 times');
    await expect(card.getByTestId('verdict-request-id')).toHaveText(REQUEST_ID);
    await card.getByTestId('verdict-retry').click();
    await expect(page.getByTestId('key-check-result').getByTestId('key-verdict')).toHaveAttribute(
      'data-verdict',
      'valid',
    );
    await expectNoKeyLeak(harness);
  });

  test('wrong endpoint: a redirect is not followed, and its target never sees the key', async ({ harness }) => {
    const target = await recordingServer((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":[],"has_more":false,"first_id":null,"last_id":null}');
    });
    const redirecting = await recordingServer((res) => {
      res.writeHead(307, {
        location: `${target.url}/v1/compliance/activities?limit=1`,
        'request-id': 'req_proxy_redirect',
      });
      res.end();
    });
    try {
      const page = await openKeyTest(harness);
      await setAnthropicUrl(page, redirecting.url);
      const card = await testKey(page, KEYS.compliance, 'wrong_endpoint');
      await expect(card.getByTestId('verdict-endpoint')).toContainText(redirecting.url);
      await expect(card.getByTestId('verdict-endpoint')).toContainText(`${target.url}/v1/compliance/activities`);
      await expect(card.getByTestId('verdict-request-id')).toHaveText('req_proxy_redirect');
      // The preview refuses the redirect the same way.
      await page.getByTestId('preview-events').click();
      await expect(page.getByTestId('preview-error').getByTestId('key-verdict')).toHaveAttribute(
        'data-verdict',
        'wrong_endpoint',
      );
      expect(redirecting.seen.length).toBe(2);
      expect(target.seen).toEqual([]);
      expect(JSON.stringify(target.seen)).not.toContain(KEYS.compliance);
      // The link leads to the setting.
      await card.getByRole('button', { name: /Change the Anthropic base URL/ }).click();
      await expect(page.getByTestId('anthropic-base-url')).toBeFocused();
      await expectNoKeyLeak(harness);
    } finally {
      await redirecting.close();
      await target.close();
    }
  });

  test('wrong endpoint: a web page instead of the API', async ({ harness }) => {
    const html = await recordingServer((res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body>Corporate proxy login</body></html>');
    });
    try {
      const page = await openKeyTest(harness);
      await setAnthropicUrl(page, html.url);
      const card = await testKey(page, KEYS.compliance, 'wrong_endpoint');
      await expect(card).toContainText('web page');
      await expect(card.getByTestId('verdict-endpoint')).toContainText(html.url);
      await expectNoKeyLeak(harness);
    } finally {
      await html.close();
    }
  });

  test('a non-https base URL for a remote host is refused before saving', async ({ harness }) => {
    const page = await openKeyTest(harness);
    await page.getByTestId('anthropic-base-url').fill('http://proxy.example.com');
    await page.getByTestId('save-anthropic-base-url').click();
    await expect(page.getByTestId('anthropic-base-url-status')).toContainText('https://');
    const profile = harness.services.auth.state().profiles[0];
    expect(profile?.anthropicBaseUrl).not.toContain('proxy.example.com');
  });

  test('a Claude API key is refused by the key rules, without a request', async ({ harness, emulator }) => {
    const page = await openKeyTest(harness);
    emulator.control.clearRequestLog();
    const claudeKey = 'sk-ant-api03-NotACompliance0Key1ForTheFeed2abcdefghijklmn';
    await page.getByTestId('test-key-input').fill(claudeKey);
    await page.getByTestId('test-key').click();
    await expect(page.getByTestId('key-check-error')).toContainText('Claude API key');
    expect(emulator.control.requestLog().filter((r) => r.side === 'anthropic')).toEqual([]);
    await expectNoKeyLeak(harness, [claudeKey]);
  });
});

test.describe('event preview', () => {
  test('the 20 most recent activities as Actor / Action / Target, raw on demand, unknown types unharmed', async ({
    harness,
    emulator,
  }) => {
    emulator.control.addActivities(2, { type: 'brand_new_type' });
    const page = await openKeyTest(harness);
    await page.getByTestId('test-key-input').fill(KEYS.compliance);
    await page.getByTestId('preview-events').click();
    const preview = page.getByTestId('key-preview');
    await expect(preview.getByTestId('preview-row')).toHaveCount(20);
    await expect(preview.locator('thead')).toContainText('Actor');
    await expect(preview.locator('thead')).toContainText('Action');
    await expect(preview.locator('thead')).toContainText('Target');
    const unknown = preview.locator('[data-testid="preview-row"][data-action="brand_new_type"]');
    await expect(unknown).toHaveCount(2);
    // Raw is hidden until asked for, then shows the activity as received.
    const raw = unknown.first().getByTestId('preview-raw');
    await expect(raw.locator('pre')).toBeHidden();
    await raw.locator('summary').click();
    await expect(raw.locator('pre')).toBeVisible();
    await expect(raw.locator('pre')).toContainText('"type": "brand_new_type"');
    await expect(raw.locator('pre')).toContainText('"actor"');
    await expectNoKeyLeak(harness);
  });

  test('a preview with a revoked key shows the verdict instead', async ({ harness }) => {
    const page = await openKeyTest(harness);
    await page.getByTestId('test-key-input').fill(KEYS.revoked);
    await page.getByTestId('preview-events').click();
    await expect(page.getByTestId('preview-error').getByTestId('key-verdict')).toHaveAttribute(
      'data-verdict',
      'invalid_key',
    );
    await expectNoKeyLeak(harness);
  });
});

test.describe('staged keys through the outbox', () => {
  test('an entry staged while LangWatch is unreachable is tested with its keychain key, and the verdict is remembered', async ({
    harness,
    emulator,
  }) => {
    await harness.signIn('admin');
    const { page } = harness;
    await emulator.control.setOffline(true, { which: 'langwatch' });
    const staged = await page.evaluate(
      (key) =>
        window.lw!.outbox.stage({
          kind: 'create',
          organizationId: 'org_acme',
          name: 'Key check staged',
          key,
          pollEverySec: 900,
        }),
      KEYS.revoked,
    );
    expect(staged.ok).toBe(true);
    const stagedId = staged.ok ? staged.value.stagedId : '';
    const result = await page.evaluate((id) => window.lw!.keyChecks.checkStaged({ stagedId: id }), stagedId);
    expect(result).toMatchObject({
      ok: true,
      value: {
        verdict: { verdict: 'invalid_key' },
        fingerprint: expect.stringMatching(/^sk-ant-api01-…/),
        profileId: harness.services.auth.state().activeProfileId,
      },
    });
    expect(harness.services.keyChecks.lastVerdictFor({ stagedId })?.verdict.verdict).toBe('invalid_key');
    const last = await page.evaluate(() => window.lw!.keyChecks.lastVerdicts({}));
    expect(last).toMatchObject({
      ok: true,
      value: { byStagedId: { [stagedId]: { verdict: { verdict: 'invalid_key' } } } },
    });
    expect(harness.traffic.some((m) => m.kind === 'event' && m.channel === 'keyChecks.verdictRecorded')).toBe(true);
    const preview = await page.evaluate((id) => window.lw!.keyChecks.previewStaged({ stagedId: id }), stagedId);
    expect(preview).toMatchObject({
      ok: false,
      error: { code: 'anthropic.request_failed', details: { verdict: { verdict: 'invalid_key' } } },
    });
    // The outbox entry offers the same test, and shows the remembered verdict.
    await page.getByRole('button', { name: /Outbox/ }).click();
    const entry = page.locator(`[data-testid="outbox-entry"][data-staged-id="${stagedId}"]`);
    await expect(entry.getByTestId('key-check-result').getByTestId('key-verdict')).toHaveAttribute(
      'data-verdict',
      'invalid_key',
    );
    await entry.getByTestId('test-key').click();
    await expect(entry.getByTestId('key-check-result').getByTestId('key-verdict')).toHaveAttribute(
      'data-verdict',
      'invalid_key',
    );
    const unknown = await page.evaluate(() => window.lw!.keyChecks.checkStaged({ stagedId: 'stg_does_not_exist' }));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'outbox.not_found' } });
    await page.evaluate((id) => window.lw!.outbox.discard({ stagedId: id }), stagedId);
    const afterDiscard = await page.evaluate((id) => window.lw!.keyChecks.checkStaged({ stagedId: id }), stagedId);
    expect(afterDiscard).toMatchObject({ ok: false, error: { code: 'outbox.key_missing' } });
    await emulator.control.setOffline(false);
    await expectNoKeyLeak(harness);
  });
});

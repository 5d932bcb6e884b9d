/**
 * "Check credentials" through the real bridge, dispatcher, handler table and services: a typed
 * Databricks principal and Anthropic workspace key, a refused destination, and a staged entry,
 * with every vendor secret registered for the automatic leak scan.
 */
import { SEED } from '../../emulator/seed';
import { VENDOR_SEED } from '../../emulator/vendors/seed';
import { expect, test } from './fixtures';

const D = VENDOR_SEED.databricks;

test.describe('source checks over IPC', () => {
  test('typed credentials: verdict, proved and not proved, fingerprints only', async ({
    harness,
    emulator,
    secrets,
  }) => {
    for (const s of [D.clientId, D.clientSecret, VENDOR_SEED.anthropic.workspaceKey, VENDOR_SEED.auditApi.token])
      secrets.register(s);
    await harness.signIn('admin');
    const { page } = harness;
    const genie = await page.evaluate((input) => window.lw!.keyChecks.checkSource(input), {
      sourceType: 'databricks_genie' as const,
      values: { workspaceUrl: emulator.vendorsUrl },
      secrets: { clientId: D.clientId, clientSecret: D.clientSecret },
    });
    expect(genie).toMatchObject({
      ok: true,
      value: { check: 'databricks', verdict: { verdict: 'valid' }, entryId: null },
    });
    if (genie.ok) expect(genie.value.proved.length).toBeGreaterThan(0);

    const workspaceKey = await page.evaluate(
      (token) =>
        window.lw!.keyChecks.checkSource({
          sourceType: 'anthropic_admin',
          values: { report: 'cost' },
          secrets: { token },
        }),
      VENDOR_SEED.anthropic.workspaceKey,
    );
    expect(workspaceKey).toMatchObject({ ok: true, value: { verdict: { verdict: 'invalid_key', httpStatus: 401 } } });

    const refused = await page.evaluate(
      (token) =>
        window.lw!.keyChecks.checkSource({
          sourceType: 'http_custom',
          values: {
            url: 'http://169.254.169.254/latest',
            authHeaderName: 'Authorization',
            authHeaderValue: 'Bearer ${{credentials.token}}',
          },
          secrets: { token },
        }),
      VENDOR_SEED.auditApi.token,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'keyChecks.destination_refused' } });
    expect(
      emulator.control
        .requestLog()
        .filter((r) => r.side === 'vendors')
        .map((r) => r.path),
    ).toEqual(['/oidc/v1/token', '/api/2.0/genie/spaces']);
  });

  test('a staged entry is checked for its owner; an unknown one is refused', async ({ harness, emulator }) => {
    await harness.signIn('admin');
    const { page } = harness;
    await emulator.control.setOffline(true, { which: 'langwatch' });
    const staged = await page.evaluate(
      (key) =>
        window.lw!.outbox.stage({
          kind: 'create',
          organizationId: 'org_acme',
          name: 'Checked staged',
          key,
          pollEverySec: 900,
        }),
      SEED.anthropicKeys.compliance,
    );
    expect(staged.ok).toBe(true);
    const entryId = staged.ok ? staged.value.stagedId : '';
    const result = await page.evaluate((id) => window.lw!.keyChecks.checkStagedSource({ entryId: id }), entryId);
    expect(result).toMatchObject({
      ok: true,
      value: { entryId, sourceType: 'claude_compliance', check: 'compliance', verdict: { verdict: 'valid' } },
    });
    // Remembered for the entry like its "Test key", so the entry's key check and the diagnosis see it.
    expect(harness.services.keyChecks.lastVerdictFor({ stagedId: entryId })?.verdict.verdict).toBe('valid');
    const unknown = await page.evaluate(() => window.lw!.keyChecks.checkStagedSource({ entryId: 'stg_nope' }));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'outbox.not_found' } });
  });
});

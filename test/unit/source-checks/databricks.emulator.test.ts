import { describe, expect, it } from 'vitest';
import { VENDOR_SEED } from '../../../emulator';
import { startChecks } from './setup';

const D = VENDOR_SEED.databricks;
const genie = (workspaceUrl: string, secrets: Record<string, string>, values: Record<string, string> = {}) => ({
  sourceType: 'databricks_genie' as const,
  values: { workspaceUrl, ...values },
  secrets,
});
const principal = { clientId: D.clientId, clientSecret: D.clientSecret };

describe('source check: Databricks Genie credential', () => {
  it('the service principal signs in (client credentials) and lists Genie spaces', async () => {
    const { emu, checks, noLeak, asked } = await startChecks();
    const result = await checks.checkTyped(genie(emu.vendorsUrl, principal));
    expect(result.verdict).toMatchObject({ verdict: 'valid', httpStatus: 200 });
    expect(result.verdict.requestId).toMatch(/^[0-9a-f]{16}$/);
    expect(asked('vendors')).toEqual(['/oidc/v1/token', '/api/2.0/genie/spaces']);
    expect(result.proved.join(' ')).toContain('signed the service principal in');
    expect(result.notProved.join(' ')).toContain('include_all');
    noLeak(result);
  });

  it('pinned spaces: reads every user’s conversations of the first one, as the puller asks', async () => {
    const { emu, checks, asked } = await startChecks();
    const space = D.spaces[1].space_id;
    const result = await checks.checkTyped(genie(emu.vendorsUrl, principal, { spaceIds: `${space}, other` }));
    expect(result.verdict.verdict).toBe('valid');
    expect(asked('vendors')).toEqual(['/oidc/v1/token', `/api/2.0/genie/spaces/${space}/conversations`]);
    expect(result.notProved.join(' ')).not.toContain('include_all');
  });

  it('a pasted token wins and says it expires before the next pull', async () => {
    const { emu, checks, asked, noLeak } = await startChecks();
    const result = await checks.checkTyped(genie(emu.vendorsUrl, { token: D.token, ...principal }));
    expect(result.verdict.verdict).toBe('valid');
    expect(asked('vendors')).toEqual(['/api/2.0/genie/spaces']);
    expect(result.notProved.join(' ')).toContain('expires about an hour');
    noLeak(result);
  });

  it('a pasted token denied Genie (403) still proves the workspace took it', async () => {
    const { emu, checks } = await startChecks();
    const result = await checks.checkTyped(genie(emu.vendorsUrl, { token: D.noGenieToken }));
    expect(result.verdict).toMatchObject({ verdict: 'missing_scope', httpStatus: 403 });
    expect(result.proved).toEqual(['The workspace accepted the pasted token.']);
  });

  it('a wrong secret is refused at the token endpoint: invalid_key, the read never made', async () => {
    const { emu, checks, asked, noLeak } = await startChecks();
    const result = await checks.checkTyped(
      genie(emu.vendorsUrl, { clientId: D.clientId, clientSecret: 'dose-wrong-secret-0000' }),
    );
    expect(result.verdict).toMatchObject({ verdict: 'invalid_key', httpStatus: 401, errorType: 'invalid_client' });
    expect(result.target).toMatch(/\/oidc\/v1\/token$/);
    expect(asked('vendors')).toEqual(['/oidc/v1/token']);
    noLeak(result);
  });

  it('a principal that signs in but may not use Genie: 403, missing access', async () => {
    const { emu, checks } = await startChecks();
    const result = await checks.checkTyped(
      genie(emu.vendorsUrl, { clientId: D.noGenieClientId, clientSecret: D.noGenieClientSecret }),
    );
    expect(result.verdict).toMatchObject({ verdict: 'missing_scope', httpStatus: 403, errorType: 'PERMISSION_DENIED' });
    expect(result.proved.join(' ')).toContain('signed the service principal in');
  });

  it('an unknown pinned space is a wrong setting (404), not a bad credential', async () => {
    const { emu, checks } = await startChecks();
    const result = await checks.checkTyped(genie(emu.vendorsUrl, principal, { spaceIds: 'no-such-space' }));
    expect(result.verdict).toMatchObject({ verdict: 'wrong_endpoint', httpStatus: 404 });
  });

  it('429 at the token endpoint: rate limited with Retry-After, says nothing about the secret', async () => {
    const { emu, checks } = await startChecks();
    emu.control.faults.add({ route: '/oidc/', kind: 'rateLimit', retryAfterSec: 30 });
    const result = await checks.checkTyped(genie(emu.vendorsUrl, principal));
    expect(result.verdict).toMatchObject({ verdict: 'rate_limited', retryAfterSec: 30 });
    expect(result.verdict.message).toContain('did not say whether');
  });

  it('5xx, slow and malformed answers of the read', async () => {
    const { emu, checks } = await startChecks({ timeoutMs: 300 });
    const id = emu.control.faults.add({ route: '/api/2.0/genie', kind: 'error5xx', status: 502 });
    expect((await checks.checkTyped(genie(emu.vendorsUrl, principal))).verdict).toMatchObject({
      verdict: 'inconclusive',
      reason: 'server_error',
    });
    emu.control.faults.remove(id);
    const slow = emu.control.faults.add({ route: '/api/2.0/genie', kind: 'latency', ms: 1500 });
    expect((await checks.checkTyped(genie(emu.vendorsUrl, principal))).verdict).toMatchObject({ reason: 'timeout' });
    emu.control.faults.remove(slow);
    emu.control.faults.add({ route: '/api/2.0/genie', kind: 'malformedJson' });
    expect((await checks.checkTyped(genie(emu.vendorsUrl, principal))).verdict).toMatchObject({
      verdict: 'wrong_endpoint',
      reason: 'unparsable',
    });
  });

  it('refuses what LangWatch refuses: a workspace URL off Databricks, with the reason, nothing sent', async () => {
    const { emu, checks } = await startChecks({ allowLoopback: false });
    for (const url of [emu.vendorsUrl, 'https://attacker.example.com', 'http://adb-1.7.azuredatabricks.net']) {
      await expect(checks.checkTyped(genie(url, principal))).rejects.toMatchObject({
        code: 'keyChecks.destination_refused',
        message: expect.stringContaining('.azuredatabricks.net') as string,
      });
    }
    expect(emu.control.requestLog()).toEqual([]);
  });

  it('needs a token or both halves of the service principal', async () => {
    const { emu, checks } = await startChecks();
    await expect(checks.checkTyped(genie(emu.vendorsUrl, { clientId: D.clientId }))).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });
});

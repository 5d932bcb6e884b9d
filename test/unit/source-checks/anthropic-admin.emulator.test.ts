import { describe, expect, it } from 'vitest';
import { SEED, VENDOR_SEED } from '../../../emulator';
import { startChecks } from './setup';

const admin = (token: string, report: 'usage' | 'cost' = 'cost') => ({
  sourceType: 'anthropic_admin' as const,
  values: { report },
  secrets: { token },
});

describe('source check: Anthropic Admin API key', () => {
  it('an admin key reads the cost report the source pulls: valid, with what it proved and could not', async () => {
    const { checks, noLeak, asked } = await startChecks();
    const result = await checks.checkTyped(admin(SEED.anthropicKeys.admin));
    expect(result.verdict).toMatchObject({ verdict: 'valid', httpStatus: 200 });
    expect(result.verdict.requestId).toMatch(/^req_/);
    expect(result.check).toBe('anthropic_admin');
    expect(result.target).toMatch(/\/v1\/organizations\/cost_report$/);
    expect(result.proved.join(' ')).toContain('Admin API key');
    expect(result.notProved.join(' ')).toContain('https://api.anthropic.com');
    expect(result.fingerprints.token).toMatch(/^sk-ant-admin01-…/);
    expect(asked('anthropic')).toEqual(['/v1/organizations/cost_report']);
    noLeak(result);
  });

  it('the usage report when the source pulls usage', async () => {
    const { checks, asked } = await startChecks();
    const result = await checks.checkTyped(admin(SEED.anthropicKeys.admin, 'usage'));
    expect(result.verdict.verdict).toBe('valid');
    expect(asked('anthropic')).toEqual(['/v1/organizations/usage_report/messages']);
  });

  it('a workspace key answers 401: the verdict says why and what to create instead', async () => {
    const { checks, noLeak } = await startChecks();
    const result = await checks.checkTyped(admin(VENDOR_SEED.anthropic.workspaceKey));
    expect(result.verdict).toMatchObject({
      verdict: 'invalid_key',
      httpStatus: 401,
      errorType: 'authentication_error',
    });
    expect(result.verdict.message).toContain('workspace key');
    expect(result.verdict.nextStep).toContain('Admin API key');
    expect(result.proved).toEqual([]);
    noLeak(result);
  });

  it('an unknown admin key is rejected as an Admin API key, not explained as a workspace key', async () => {
    const { checks } = await startChecks();
    const result = await checks.checkTyped(admin('sk-ant-admin01-NotAKnownKeyAtAll0000000000000000000000000-9ZZZZZ'));
    expect(result.verdict.verdict).toBe('invalid_key');
    expect(result.verdict.message).toContain('rejected this Admin API key');
  });

  it('429 with Retry-After: the key was accepted, try again after the stated wait', async () => {
    const { emu, checks } = await startChecks();
    emu.control.faults.add({ route: '/v1/organizations/', kind: 'rateLimit', retryAfterSec: 7 });
    const result = await checks.checkTyped(admin(SEED.anthropicKeys.admin));
    expect(result.verdict).toMatchObject({ verdict: 'rate_limited', httpStatus: 429, retryAfterSec: 7 });
    expect(result.verdict.nextStep).toContain('7 s');
  });

  it('a 5xx proves nothing about the key', async () => {
    const { emu, checks } = await startChecks();
    emu.control.faults.add({ route: '/v1/organizations/', kind: 'error5xx', status: 503 });
    const result = await checks.checkTyped(admin(SEED.anthropicKeys.admin));
    expect(result.verdict).toMatchObject({ verdict: 'inconclusive', reason: 'server_error', httpStatus: 503 });
    expect(result.proved).toEqual([]);
  });

  it('a slow answer is a timeout, not a verdict about the key', async () => {
    const { emu, checks } = await startChecks({ timeoutMs: 300 });
    emu.control.faults.add({ route: '/v1/organizations/', kind: 'latency', ms: 1500 });
    const result = await checks.checkTyped(admin(SEED.anthropicKeys.admin));
    expect(result.verdict).toMatchObject({ verdict: 'inconclusive', reason: 'timeout', httpStatus: null });
  });

  it('a malformed body is not a report: wrong endpoint, unparsable', async () => {
    const { emu, checks } = await startChecks();
    emu.control.faults.add({ route: '/v1/organizations/', kind: 'malformedJson' });
    const result = await checks.checkTyped(admin(SEED.anthropicKeys.admin));
    expect(result.verdict).toMatchObject({ verdict: 'wrong_endpoint', reason: 'unparsable' });
  });

  it('a hostile server echoing the key: the answer and the log hold no part of it', async () => {
    const { emu, checks, noLeak } = await startChecks();
    emu.control.faults.add({ route: '/v1/organizations/', kind: 'echoSecrets', status: 400 });
    const result = await checks.checkTyped(admin(SEED.anthropicKeys.admin));
    expect(result.verdict.verdict).toBe('wrong_endpoint');
    noLeak(result);
  });

  it('refuses a type without a side-effect-free check, and secrets the type does not have', async () => {
    const { checks } = await startChecks();
    await expect(checks.checkTyped({ sourceType: 'copilot_studio', values: {}, secrets: {} })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    await expect(
      checks.checkTyped({ sourceType: 'anthropic_admin', values: { report: 'cost' }, secrets: { report: 'x' } }),
    ).rejects.toMatchObject({ code: 'invalid_argument' });
  });
});

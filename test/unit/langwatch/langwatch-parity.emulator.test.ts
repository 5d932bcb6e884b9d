/**
 * The console's LangWatch client against the emulator's faithful routes (langwatch.md §8):
 * device logout, client_info, the CLI list's 402, and tRPC error data turned into stable codes.
 */
import { hostname } from 'node:os';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED, startEmulator, type RunningEmulator } from '../../../emulator/index';
import { createLangwatchApi } from '../../../src-main/services/langwatch/api';
import { signInWithEmail } from '../../../src-main/services/langwatch/auth';
import { createCliRest } from '../../../src-main/services/langwatch/cli-rest';
import { createDeviceFlow } from '../../../src-main/services/langwatch/device-flow';
import { createLangwatchHttp } from '../../../src-main/services/langwatch/http';
import { mapTrpcError } from '../../../src-main/services/langwatch/trpc-errors';
import { caught } from '../../support/caught';

const ACME = SEED.orgs.enterprise.id;
const SMALL = SEED.orgs.free.id;
const fastClock = {
  now: Date.now,
  setTimeout: (fn: () => void) => setTimeout(fn, 1),
  clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout),
};

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ langwatchPort: 0, pullerSchedule: false });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  await emu.control.reset();
});

async function deviceSignIn(user: 'support' | 'admin' = 'support', org: string = ACME) {
  const http = createLangwatchHttp({ baseUrl: emu.langwatchUrl });
  const flow = createDeviceFlow({ http });
  const start = await flow.startDeviceFlow();
  emu.control.approveDevice(start.userCode, user, org);
  // The server allows one poll per 4 s: the first poll is the one that gets through.
  const grant = await flow.pollDeviceFlow({ deviceCode: start.deviceCode, interval: 0, clock: fastClock });
  const cli = createCliRest({ http, organizationId: org, getAccessToken: async () => grant.tokens.accessToken });
  return { flow, grant, cli };
}
async function apiAs(who: keyof typeof SEED.users) {
  const u = SEED.users[who];
  const { cookie } = await signInWithEmail({ baseUrl: emu.langwatchUrl, email: u.email, password: u.password });
  return createLangwatchApi({ baseUrl: emu.langwatchUrl, getCookie: async () => cookie });
}

describe('device sign-in', () => {
  it("client_info uses LangWatch's keys, so the device is named in its inventory and gets its CLI key", async () => {
    await deviceSignIn();
    const [access] = emu.control.cliSessions().filter((s) => s.kind === 'access');
    expect(access!.clientInfo).toMatchObject({
      device_label: 'LangWatch Ingestion Console',
      hostname: hostname().slice(0, 255),
      platform: process.platform,
    });
    expect(Object.keys(access!.clientInfo!).sort()).toEqual([
      'device_label',
      'hostname',
      'platform',
      'session_started_at',
    ]);
    expect(emu.control.cliKeys()).toMatchObject([{ deviceLabel: 'langwatch-ingestion-cons', revokedAt: null }]);
  });

  it("logout sends both tokens in the body: the pair and the sign-in's CLI key are revoked", async () => {
    const { flow, grant, cli } = await deviceSignIn();
    await flow.logout(grant.tokens);
    expect((await caught(cli.listSources())).code).toBe('auth.session_expired');
    expect((await caught(flow.refreshTokens(grant.tokens.refreshToken))).code).toBe('auth.refresh_invalid');
    expect(emu.control.cliKeys().every((k) => k.revokedAt !== null)).toBe(true);
    expect(emu.control.cliSessions()).toEqual([]);
  });

  it('a 402 on the list says the organisation needs Enterprise for read-only access', async () => {
    const { cli } = await deviceSignIn('admin', SMALL);
    const error = await caught(cli.listSources());
    expect(error.code).toBe('langwatch.enterprise_required');
    expect(error.message).toMatch(/read-only access/);
    expect(error.message).not.toMatch(/health/i);
  });
});

describe('tRPC error data → stable codes', () => {
  it('a teamId of another organisation (403 no-membership at team scope) → langwatch.team_not_found, on create and update', async () => {
    const api = await apiAs('admin');
    const create = await caught(
      api.createSource({
        organizationId: ACME,
        sourceType: 'claude_compliance',
        name: 'Team test',
        teamId: 'team_small',
        parserConfig: { adapter: 'claude_compliance' },
      }),
    );
    expect(create).toMatchObject({
      code: 'langwatch.team_not_found',
      details: {
        httpStatus: 403,
        serverCode: 'permission_denied',
        denialReason: 'no-membership',
        teamId: 'team_small',
      },
    });
    expect(create.message).toMatch(/team/);
    const update = await caught(api.updateSource({ organizationId: ACME, id: 'src_otel', teamId: 'team_gone' }));
    expect(update.code).toBe('langwatch.team_not_found');
  });

  it('a permission denial keeps its denialReason; a zod failure keeps its 422 and field errors', async () => {
    const member = await apiAs('member');
    expect(await caught(member.listSources(ACME))).toMatchObject({
      code: 'langwatch.forbidden',
      details: { denialReason: 'no-binding', permission: 'ingestionSources:view' },
    });
    const admin = await apiAs('admin');
    const bad = await caught(admin.getSource(ACME, 42 as never));
    expect(bad).toMatchObject({
      code: 'langwatch.validation',
      details: { httpStatus: 400, serverHttpStatus: 422, serverCode: 'validation_error' },
    });
  });

  it('activity monitor without its analytics store: a server error that names clickhouse_unavailable', async () => {
    emu.control.setActivityMonitorUnavailable(true);
    const admin = await apiAs('admin');
    expect(await caught(admin.sourceHealthMetrics(ACME, 'src_cc_prod'))).toMatchObject({
      code: 'langwatch.server_error',
      details: { httpStatus: 500, serverCode: 'clickhouse_unavailable', serverHttpStatus: 503 },
    });
  });

  it('a handled 402 (enterprise_plan_required, answered as FORBIDDEN over tRPC) is enterprise_required; kind alone is read too', () => {
    const byCode = mapTrpcError(
      {
        message: 'enterprise_plan_required',
        data: {
          httpStatus: 403,
          path: 'x.y',
          error: { code: 'enterprise_plan_required', httpStatus: 402, meta: { feature: 'INGESTION_SOURCES' } },
        },
      },
      403,
      'x.y',
    );
    expect(byCode.code).toBe('langwatch.enterprise_required');
    const byKind = mapTrpcError(
      { data: { httpStatus: 403, error: { kind: 'ingestion_source_cap_reached', meta: { max: 3 } } } },
      403,
      'p',
    );
    expect(byKind.code).toBe('langwatch.cap_reached');
  });
});

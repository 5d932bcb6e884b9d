import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, SEED, type RunningEmulator } from '../../../emulator/index';
import { Source } from '../../../src-shared/domain/langwatch';
import { createLangwatchApi } from '../../../src-main/services/langwatch/api';
import { getSession, signInWithEmail } from '../../../src-main/services/langwatch/auth';
import { createCliRest } from '../../../src-main/services/langwatch/cli-rest';
import { createDeviceFlow } from '../../../src-main/services/langwatch/device-flow';
import { createLangwatchHttp } from '../../../src-main/services/langwatch/http';
import { caught } from '../../support/caught';

const ACME = SEED.orgs.enterprise.id;
const SMALL = SEED.orgs.free.id;

describe('LangWatch client against the emulator', () => {
  let emu: RunningEmulator;
  let adminCookie: string;
  beforeAll(async () => {
    emu = await startEmulator({ langwatchPort: 0, pullerSchedule: false });
    const { admin } = SEED.users;
    adminCookie = (await signInWithEmail({ baseUrl: emu.langwatchUrl, email: admin.email, password: admin.password }))
      .cookie;
  });
  afterAll(async () => {
    await emu?.close();
  });
  const apiAs = (cookie: string | null) =>
    createLangwatchApi({ baseUrl: emu.langwatchUrl, getCookie: async () => cookie });

  it('signs in and checks the session', async () => {
    expect(adminCookie).toMatch(/^better-auth\.session_token=/);
    const info = await getSession({ baseUrl: emu.langwatchUrl, cookie: adminCookie });
    expect(info?.user.email).toBe(SEED.users.admin.email);
  });

  it('reads publicEnv, organisations and permissions', async () => {
    const api = apiAs(adminCookie);
    expect((await api.publicEnv()).NEXTAUTH_PROVIDER).toBe('email');
    const orgs = await api.organizations();
    expect(orgs.map((o) => o.id).sort()).toEqual([ACME, SMALL].sort());
    expect(orgs.find((o) => o.id === ACME)?.role).toBe('ADMIN');
    expect(await api.effectivePermissions(ACME)).toMatchObject({ canView: true, canManage: true, canViewHealth: true });
  });

  it('lists sources and their health in two requests (never one batch), validated as DTOs', async () => {
    emu.control.clearRequestLog();
    const [sources, health] = await Promise.all([
      apiAs(adminCookie).listSources(ACME),
      apiAs(adminCookie).listHealth(ACME),
    ]);
    expect(sources.length).toBeGreaterThan(5);
    for (const s of sources) expect(Source.parse(s)).toEqual(s);
    expect(sources.every((s) => s.archivedAt === null)).toBe(true);
    expect(health.kind).toBe('ok');
    const paths = emu.control
      .requestLog()
      .filter((r) => r.path.startsWith('/api/trpc'))
      .map((r) => r.path);
    expect(paths.sort()).toEqual([
      '/api/trpc/activityMonitor.ingestionSourcesHealth',
      '/api/trpc/ingestionSources.list',
    ]);
    expect(await apiAs(adminCookie).listHealth(SMALL)).toEqual({ kind: 'enterprise_required' });
    expect((await apiAs(adminCookie).listSources(SMALL)).length).toBeGreaterThan(0);
  });

  it('creates, gets, updates and archives a compliance source; never returns the ingest secret', async () => {
    const api = apiAs(adminCookie);
    const { source: created, ingestSecret } = await api.createSource({
      organizationId: ACME,
      sourceType: 'claude_compliance',
      name: `Console test ${Date.now()}`,
      parserConfig: {
        adapter: 'claude_compliance',
        pollEverySec: 300,
        credentials: { token: SEED.anthropicKeys.compliance },
      },
      pullSchedule: '*/5 * * * *',
    });
    expect(JSON.stringify(created)).not.toMatch(/lw_is_|sk-ant-|enc:v1/);
    // The one-time secret comes back beside the source, as the emulator minted it.
    expect(emu.control.mintedIngestSecrets()).toContain(ingestSecret);
    // A rotation answers a new one, once, beside the same source.
    const rotated = await api.rotateSecret(ACME, created.id);
    expect(rotated.source.id).toBe(created.id);
    expect(rotated.ingestSecret).toMatch(/^lw_is_/);
    expect(rotated.ingestSecret).not.toBe(ingestSecret);
    expect(emu.control.mintedIngestSecrets().at(-1)).toBe(rotated.ingestSecret);
    expect(created.status).toBe('awaiting_first_event');
    expect(emu.control.credentialMatches(created.id, SEED.anthropicKeys.compliance)).toBe(true);
    expect((await api.getSource(ACME, created.id)).id).toBe(created.id);
    const updated = await api.updateSource({ organizationId: ACME, id: created.id, status: 'disabled' });
    expect(updated.status).toBe('disabled');
    const archived = await api.archiveSource(ACME, created.id);
    expect(archived.archivedAt).not.toBeNull();
  });

  it('maps server errors: not found, bad cron, forbidden, expired session', async () => {
    const api = apiAs(adminCookie);
    expect((await caught(api.getSource(ACME, 'src_nope'))).code).toBe('langwatch.not_found');
    const cron = await caught(
      api.createSource({
        organizationId: ACME,
        sourceType: 'claude_compliance',
        name: 'bad cron',
        pullSchedule: 'every minute',
      }),
    );
    expect(cron.code).toBe('langwatch.validation');
    const { member } = SEED.users;
    const memberCookie = (
      await signInWithEmail({ baseUrl: emu.langwatchUrl, email: member.email, password: member.password })
    ).cookie;
    const forbidden = await caught(apiAs(memberCookie).listSources(ACME));
    expect(forbidden.code).toBe('langwatch.forbidden');
    expect(forbidden.details?.permission).toBe('ingestionSources:view');
    const expired = await caught(apiAs('better-auth.session_token=nope.nope').listSources(ACME));
    expect(expired.code).toBe('auth.session_expired');
  });

  it('reads health metrics and events', async () => {
    const api = apiAs(adminCookie);
    const metrics = await api.sourceHealthMetrics(ACME, 'src_cc_prod');
    expect(metrics.events30d).toBeGreaterThanOrEqual(0);
    const events = await api.eventsForSource(ACME, 'src_cc_prod', { limit: 5 });
    expect(events.length).toBeLessThanOrEqual(5);
    if (events.length === 5) {
      const next = await api.eventsForSource(ACME, 'src_cc_prod', {
        limit: 5,
        beforeIso: events[4]!.eventTimestampIso,
      });
      expect(next.map((e) => e.eventId)).not.toContain(events[0]!.eventId);
    }
  });

  it('runs the device flow and reads CLI REST', async () => {
    const http = createLangwatchHttp({ baseUrl: emu.langwatchUrl });
    const flow = createDeviceFlow({ http });
    const start = await flow.startDeviceFlow();
    expect(new URL(start.verificationUriComplete).origin).toBe(emu.langwatchUrl);
    emu.control.approveDevice(start.userCode, 'support', ACME);
    const grant = await flow.pollDeviceFlow({
      deviceCode: start.deviceCode,
      interval: 0,
      clock: {
        now: Date.now,
        setTimeout: (fn) => setTimeout(fn, 1),
        clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
      },
    });
    expect(grant.organization.id).toBe(ACME);
    const cli = createCliRest({ http, organizationId: ACME, getAccessToken: async () => grant.tokens.accessToken });
    const sources = await cli.listSources();
    expect(sources.length).toBeGreaterThan(0);
    expect((await cli.sourceHealth('src_cc_prod')).events30d).toBeGreaterThanOrEqual(0);
    await cli.sourceEvents('src_cc_prod', { limit: 3 });
    const refreshed = await flow.refreshTokens(grant.tokens.refreshToken);
    expect(refreshed.accessToken).not.toBe(grant.tokens.accessToken);
    expect((await caught(flow.refreshTokens(grant.tokens.refreshToken))).code).toBe('auth.refresh_invalid');
    await flow.logout(refreshed);
  });
});

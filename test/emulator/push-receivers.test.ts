/**
 * The push side and the rules around create, as LangWatch has them:
 * - receivers: platform/app/src/server/routes/ingest/ingestionRoutes.ts (bearer ingest secret,
 *   path id, wrong_endpoint, 202 even for a body that did not parse, recordEventReceived);
 * - events: ee/governance/services/activity-monitor/activityMonitor.service.ts (pushed traces
 *   listed as `trace.recorded` rows, webhook/log records counted only);
 * - rotateSecret's 24 h grace: ee/governance/services/activity-monitor/ingestionSource.service.ts;
 * - the destination rule: ee/governance/services/activity-monitor/pullDestination.ts;
 * - the cap: NON_ENTERPRISE_INGESTION_SOURCE_CAP (ingestionSource.constants.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { SEED, startEmulator, type RunningEmulator } from '../../emulator/index';
import { pushEndpoint } from '../../src-shared/domain/push-endpoints';
import type { SourceType } from '../../src-shared/domain/langwatch';
import { errorOf, rawTrpc, signIn, trpcClient } from './helpers';

const ORG = SEED.orgs.enterprise.id;
const SMALL = SEED.orgs.free.id;
const DAY = 24 * 3_600_000;

const SPANS = {
  resourceSpans: [
    {
      scopeSpans: [
        {
          spans: [
            {
              traceId: 'trace-1',
              name: 'chat',
              startTimeUnixNano: '1780000000000000000',
              attributes: [
                { key: 'user.email', value: { stringValue: 'ada@acme.test' } },
                { key: 'gen_ai.request.model', value: { stringValue: 'claude-sonnet-4' } },
                { key: 'gen_ai.usage.input_tokens', value: { intValue: 120 } },
                { key: 'gen_ai.usage.output_tokens', value: { intValue: 480 } },
                { key: 'gen_ai.usage.cost_usd', value: { doubleValue: 0.025 } },
              ],
            },
          ],
        },
      ],
    },
  ],
};

describe('push receivers, rotation, destination and cap', () => {
  let emu: RunningEmulator;
  let now = Date.parse('2026-06-01T00:00:00Z');
  let client: ReturnType<typeof trpcClient>;
  let cookie: string;
  beforeAll(async () => {
    emu = await startEmulator({ langwatchPort: 0, pullerSchedule: false, now: () => now });
    cookie = await signIn(emu.langwatchUrl);
    client = trpcClient(emu.langwatchUrl, cookie, false);
  });
  afterAll(async () => {
    await emu?.close();
  });

  const create = (sourceType: SourceType, name: string, organizationId: string = ORG, parserConfig = {}) =>
    client.ingestionSources.create.mutate({ organizationId, sourceType, name, parserConfig });

  async function post(url: string, secret: string | null, body: unknown) {
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
  }

  it('takes OTLP at the endpoint pushEndpoint names and lists one trace row per trace', async () => {
    const { source, ingestSecret } = await create('claude_code', 'push claude code');
    const url = pushEndpoint('claude_code', emu.langwatchUrl, source.id)!.url;
    const answer = await post(url, ingestSecret, SPANS);
    expect(answer).toEqual({ status: 202, body: { accepted: true, bytes: expect.any(Number), events: 1 } });
    const stored = await client.ingestionSources.get.query({ organizationId: ORG, id: source.id });
    expect(stored.status).toBe('active');
    const events = await client.activityMonitor.eventsForSource.query({ organizationId: ORG, sourceId: source.id });
    expect(events).toMatchObject([
      {
        eventId: 'trace-1',
        eventType: 'claude_code',
        actor: 'ada@acme.test',
        action: 'trace.recorded',
        target: 'claude-sonnet-4',
        costUsd: '0.025',
        tokensInput: 120,
        tokensOutput: 480,
        rawPayload: '',
      },
    ]);
    // LangWatch's parser reads camelCase only: the snake_case body of its own curl yields no span.
    const snake = JSON.parse(
      JSON.stringify(SPANS).replace('resourceSpans', 'resource_spans').replace('scopeSpans', 'scope_spans'),
    );
    expect((await post(url, ingestSecret, snake)).body).toMatchObject({
      events: 0,
      hint: expect.stringContaining('no spans extracted'),
    });
    // OTLP logs count in health but are not listed.
    const logs = { resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: 'x' } }] }] }] };
    expect((await post(`${url}/v1/logs`, ingestSecret, logs)).body).toMatchObject({ logRecords: 1 });
    const health = await client.activityMonitor.sourceHealthMetrics.query({ organizationId: ORG, sourceId: source.id });
    expect(health.events30d).toBe(2);
  });

  it('takes Workato webhooks (counted, not listed) and refuses a wrong path, a wrong id and no secret', async () => {
    const { source, ingestSecret } = await create('workato', 'push workato');
    const url = pushEndpoint('workato', emu.langwatchUrl, source.id)!.url;
    expect((await post(url, ingestSecret, { event: 'job.completed' })).status).toBe(202);
    expect(await client.activityMonitor.eventsForSource.query({ organizationId: ORG, sourceId: source.id })).toEqual(
      [],
    );
    const health = await client.activityMonitor.sourceHealthMetrics.query({ organizationId: ORG, sourceId: source.id });
    expect(health.events24h).toBe(1);
    const otlpPath = `${emu.langwatchUrl}/api/ingest/otel/${source.id}`;
    expect((await post(otlpPath, ingestSecret, SPANS)).body).toMatchObject({ error: 'wrong_endpoint' });
    expect((await post(`${emu.langwatchUrl}/api/ingest/webhook/src_other`, ingestSecret, {})).status).toBe(401);
    expect((await post(url, null, {})).status).toBe(401);
    // A pull source has an ingest secret too, but no push path of its own.
    const pulled = await create('claude_compliance', 'pull has a secret');
    expect(
      (await post(`${emu.langwatchUrl}/api/ingest/otel/${pulled.source.id}`, pulled.ingestSecret, SPANS)).status,
    ).toBe(400);
  });

  it('keeps a rotated secret working for 24 hours, then only the new one', async () => {
    const { source, ingestSecret: first } = await create('otel_generic', 'push rotate');
    const url = pushEndpoint('otel_generic', emu.langwatchUrl, source.id)!.url;
    const rotated = await client.ingestionSources.rotateSecret.mutate({ organizationId: ORG, id: source.id });
    expect(rotated.ingestSecret).not.toBe(first);
    expect((await post(url, first, SPANS)).status).toBe(202);
    expect((await post(url, rotated.ingestSecret, SPANS)).status).toBe(202);
    now += DAY + 1;
    expect((await post(url, first, SPANS)).status).toBe(401);
    expect((await post(url, rotated.ingestSecret, SPANS)).status).toBe(202);
    expect(emu.control.issuedSecrets()).toEqual(expect.arrayContaining([first, rotated.ingestSecret]));
  });

  it('refuses a Genie source that would send its credential outside Databricks, on create and update', async () => {
    const bad = { adapter: 'databricks_genie', workspaceUrl: 'https://evil.example.com', credentials: { token: 't' } };
    const created = await rawTrpc(
      emu.langwatchUrl,
      'ingestionSources.create',
      { organizationId: ORG, sourceType: 'databricks_genie', name: 'genie evil', pullConfig: bad },
      { cookie, method: 'POST' },
    );
    expect(errorOf(created.body).data).toMatchObject({ httpStatus: 422, error: { code: 'validation_error' } });
    const good = await create('databricks_genie', 'genie ok', ORG, {
      adapter: 'databricks_genie',
      workspaceUrl: 'https://adb-1.7.azuredatabricks.net',
    });
    const moved = await rawTrpc(
      emu.langwatchUrl,
      'ingestionSources.update',
      {
        organizationId: ORG,
        id: good.source.id,
        parserConfig: { ...good.source.parserConfig, workspaceUrl: 'http://adb-1.7.azuredatabricks.net' },
      },
      { cookie, method: 'POST' },
    );
    // The sentence stays on the server (a handled error's wire message is its code): the console's own rule says it.
    expect(errorOf(moved.body).data).toMatchObject({ httpStatus: 422, error: { code: 'validation_error' } });
  });

  it('caps a non-enterprise organisation at 3 active sources, and lifts the cap on Enterprise', async () => {
    const live = emu.control.sources(SMALL).filter((s) => s.archivedAt === null).length;
    for (let i = live; i < 3; i++) await create('otel_generic', `small ${i}`, SMALL);
    const over = await rawTrpc(
      emu.langwatchUrl,
      'ingestionSources.create',
      { organizationId: SMALL, sourceType: 'otel_generic', name: 'small over' },
      { cookie, method: 'POST' },
    );
    expect(errorOf(over.body).data).toMatchObject({
      httpStatus: 403,
      error: { code: 'ingestion_source_cap_reached', meta: { max: 3 } },
    });
    emu.control.setEnterprise(SMALL, true);
    try {
      expect((await create('databricks_genie', 'small genie', SMALL)).ingestSecret).toMatch(/^lw_is_/);
    } finally {
      emu.control.setEnterprise(SMALL, false);
    }
  });
});

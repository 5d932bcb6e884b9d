import { describe, expect, it } from 'vitest';
import { createCliRest } from '../../../src-main/services/langwatch/cli-rest';
import type { HttpRequest, HttpResponse, LangwatchHttp } from '../../../src-main/services/langwatch/http';
import { ACTIVITY_MONITOR_DEADLINE_MS, cliSourcesReader } from '../../../src-main/services/langwatch/sources-reader';

/** A request function that answers at once and records each request's deadline. */
function recordingHttp() {
  const asked: Array<{ path: string; timeoutMs: number | undefined }> = [];
  const answers: Record<string, unknown> = {
    health: { health: { events24h: 1, events7d: 2, events30d: 3, lastSuccessIso: null } },
    events: { events: [] },
    list: { sources: [] },
  };
  const http: LangwatchHttp = {
    baseUrl: 'http://lw.test',
    origin: 'http://lw.test',
    async request(req: HttpRequest): Promise<HttpResponse> {
      asked.push({ path: req.path.split('?')[0]!, timeoutMs: req.timeoutMs });
      const kind = req.path.includes('/health') ? 'health' : req.path.includes('/events') ? 'events' : 'list';
      return { status: 200, headers: {}, text: JSON.stringify(answers[kind]) };
    },
  };
  return { http, asked };
}

describe('support sessions (CLI REST): health and events have their own deadline', () => {
  it('a source’s health and events are asked with the activity monitor’s 10 s deadline, the list with the default', async () => {
    const { http, asked } = recordingHttp();
    const reader = cliSourcesReader(
      createCliRest({ http, organizationId: 'org', getAccessToken: async () => 'device-token' }),
    );
    await reader.health('src_1');
    await reader.events('src_1', { limit: 10 });
    await reader.listLive();
    const base = '/api/auth/cli/governance/ingest/sources';
    expect(asked).toEqual([
      { path: `${base}/src_1/health`, timeoutMs: ACTIVITY_MONITOR_DEADLINE_MS },
      { path: `${base}/src_1/events`, timeoutMs: ACTIVITY_MONITOR_DEADLINE_MS },
      { path: base, timeoutMs: undefined },
    ]);
    expect(ACTIVITY_MONITOR_DEADLINE_MS).toBe(10_000);
  });
});

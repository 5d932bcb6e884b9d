import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import { everywhereExportHandlers } from '../../../src-main/ipc/handlers/everywhere-export';
import type { Services } from '../../../src-main/services/create-services';
import { exportEverywhere } from '../../../src-main/services/everywhere/everywhere-export';
import { knownSecrets } from '../../../src-main/services/logging/known-secrets';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import type { EverywhereRow, EverywhereSnapshot, Place } from '../../../src-shared/domain/everywhere';

const NOW = Date.parse('2026-12-01T12:00:00Z');
// Secrets as this process holds them: a session cookie, a device token pair, none of a known shape alone.
const COOKIE = 'better-auth.session_token=Qm9vbXNlY3JldENvb2tpZVZhbHVl.c2lnbmF0dXJlMTIz';
const DEVICE_TOKEN = 'Zt7wq3RkVb9LmPx2HsYc';

function place(key: string, patch: Partial<Place> = {}): Place {
  const [profileId, organizationId] = key.split('|');
  return {
    key,
    ...{ profileId: profileId!, profileName: `Deployment ${profileId}`, baseUrl: `https://${profileId}.example` },
    ...{ organizationId: organizationId || null, organizationName: organizationId ? `Org ${organizationId}` : null },
    ...{ state: 'fresh', health: 'ok', healthError: null, user: 'ada@acme.test', readOnly: false, sourceCount: 0 },
    ...{ updatedAt: new Date(NOW).toISOString(), serverNow: new Date(NOW).toISOString() },
    ...{ lastError: null, retryAt: null },
    ...patch,
  };
}

function row(placeKey: string, id: string, patch: Partial<EverywhereRow> = {}): EverywhereRow {
  return {
    ...{ id, placeKey, organizationId: placeKey.split('|')[1]!, teamId: null, name: `Source ${id}`, description: null },
    ...{ sourceType: 'otel_generic', pullSchedule: null, createdById: null, status: 'active' },
    lastEventAt: new Date(NOW - 60_000).toISOString(),
    ...{
      archivedAt: null,
      createdAt: new Date(NOW - 86_400_000).toISOString(),
      updatedAt: new Date(NOW).toISOString(),
    },
    ...{ errorCount: 0, eventsLast24h: 3 },
    ...patch,
  };
}

const stuck = { status: 'awaiting_first_event', sourceType: 'claude_compliance', lastEventAt: null };
const snapshot: EverywhereSnapshot = {
  places: [
    place('a|acme'),
    place('b|acme'),
    place('c|small', { state: 'unreachable', lastError: { code: 'network.offline', message: 'Connection refused' } }),
  ],
  rows: [
    row('a|acme', 'ok1'),
    row('b|acme', 'stuck1', stuck),
    row('b|acme', 'formula', { name: '=HYPERLINK("x")' }),
    row('a|acme', 'other'),
  ],
};
const ctx = { nowMs: NOW, consoleVersion: '1.2.3' };

describe('Everywhere export and report across places', () => {
  afterEach(() => {
    knownSecrets.forget(COOKIE);
    knownSecrets.forget(DEVICE_TOKEN);
  });

  it('CSV: the selected rows across deployments with their place, and a place that could not be read as its own line', () => {
    const file = exportEverywhere(
      snapshot,
      { rows: ['b|acme|stuck1', 'a|acme|ok1', 'b|acme|formula'], places: ['c|small'] },
      'csv',
      ctx,
    );
    const lines = file.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'deployment,deploymentUrl,organization,organizationId,placeState,id,name,sourceType,status,lastEventAt,eventsLast24h,cadenceSec,createdAt,archivedAt,teamId,description',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 6).join(','))).toEqual([
      'Deployment b,https://b.example,Org acme,acme,up to date,stuck1',
      'Deployment a,https://a.example,Org acme,acme,up to date,ok1',
      'Deployment b,https://b.example,Org acme,acme,up to date,formula',
      'Deployment c,https://c.example,Org small,small,unreachable,',
    ]);
    expect(file.text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(file.text).not.toContain('other');
    expect(file).toMatchObject({
      rows: 3,
      mime: 'text/csv',
      filename: 'sources-everywhere-2026-12-01T12-00-00-000Z.csv',
    });
  });

  it('JSON: every place and row when nothing is selected, columns from the allow-list only', () => {
    const file = exportEverywhere(snapshot, {}, 'json', ctx);
    const lines = JSON.parse(file.text) as Array<Record<string, unknown>>;
    expect(lines).toHaveLength(5);
    expect(lines.at(-1)).toMatchObject({ deployment: 'Deployment c', placeState: 'unreachable', id: null });
    expect(Object.keys(lines[0]!)).not.toContain('placeKey');
    expect(Object.keys(lines[0]!)).not.toContain('errorCount');
  });

  it('Markdown: places with what is known of each (never an all-clear for an unreadable one), sources attention first', () => {
    const file = exportEverywhere(
      snapshot,
      { rows: ['a|acme|ok1', 'b|acme|stuck1'], places: ['c|small'] },
      'markdown',
      ctx,
    );
    expect(file.mime).toBe('text/markdown');
    expect(file.text).toContain(
      '| Deployment c (https://c.example) | Org small | unreachable (Connection refused) | 0 |',
    );
    expect(file.text).not.toMatch(/Deployment c[^\n]*Nothing needs attention/);
    const sources = file.text.slice(file.text.indexOf('### Sources'));
    expect(sources.indexOf('Source stuck1')).toBeLessThan(sources.indexOf('Source ok1'));
    expect(file.text).toContain('by LangWatch Ingestion Console 1.2.3');
  });

  it('never writes a secret this process holds, whatever field a server echoed it into', () => {
    knownSecrets.remember(COOKIE);
    knownSecrets.remember(DEVICE_TOKEN);
    const leaky: EverywhereSnapshot = {
      places: [
        place('a|acme', {
          state: 'failed',
          lastError: { code: 'network.unexpected_answer', message: `bad ${DEVICE_TOKEN}` },
        }),
      ],
      rows: [row('a|acme', 's1', { name: `echo ${COOKIE}`, description: `token ${DEVICE_TOKEN}` })],
    };
    for (const format of ['csv', 'json', 'markdown'] as const) {
      const { text } = exportEverywhere(leaky, {}, format, ctx);
      expect(text).not.toContain(COOKIE);
      expect(text).not.toContain(COOKIE.split('=')[1]!.split('.')[0]);
      expect(text).not.toContain(DEVICE_TOKEN);
      expect(text).toContain('[REDACTED]');
    }
  });

  it('the IPC channel validates its input with zod before anything is built', async () => {
    const services = { everywhere: { snapshot: () => snapshot }, clock: { now: () => NOW }, version: '1.2.3' };
    const ours = { frameUrl: 'http://127.0.0.1:4000/index.html', isMainFrame: true, windowId: 1 };
    const dispatcher = createDispatcher({
      handlers: everywhereExportHandlers(services as unknown as Services) as never,
      senderPolicy: { trustedUrls: ['http://127.0.0.1:4000/'], isOurWindow: (id: unknown) => id === 1 },
      log: createMemoryLogger(),
    });
    const bad = await dispatcher.dispatch('everywhereExport.create', { format: 'pdf', secret: 'x' }, ours);
    expect(bad).toMatchObject({ ok: false, error: { code: 'ipc.invalid_input' } });
    const good = await dispatcher.dispatch('everywhereExport.create', { format: 'json', rows: ['a|acme|ok1'] }, ours);
    expect(good).toMatchObject({ ok: true, value: { rows: 1, mime: 'application/json' } });
  });
});

/**
 * Echoes of submitted keys, in this run and after a restart (issue 19, "Nothing leaked"):
 * five keys of five shapes are staged and submitted (so wiped), then a hostile server returns
 * each in ten encodings (5 × 10 = 50 cases) — in source descriptions, in create errors, in
 * Anthropic's `request-id` — once in the same run and once in the next run (a fresh module
 * graph: a new main process with nothing in memory), 100 cases in all. None may reach an IPC
 * answer (`sources.snapshot`, `sources.get`, the CSV/JSON export, `outbox.list`), an event,
 * a file of the user-data folder (outbox.json, the log) or the Copy report; the exact values
 * are searched for.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SEED, startEmulator, type RunningEmulator } from '../../emulator/index';
import { createLangwatchApi, type LangwatchApi } from '../../src-main/services/langwatch/api';
import { signInWithEmail } from '../../src-main/services/langwatch/auth';
import type { Services } from '../../src-main/services/create-services';
import { createMemorySecretStore, type MemorySecretStore } from '../../src-main/services/secrets/memory-store';
import type { Diagnosis } from '../../src-shared/domain/diagnosis';
import { diagnosisReport } from '../../src-shared/domain/diagnosis-report';
import type { IpcResult } from '../../src-shared/ipc/define';
import { filesText } from '../support/files';
import { echoCases, keyShapes, leakedCases, type EchoCase } from '../support/key-echo-matrix';

vi.setConfig({ testTimeout: 240_000 });

const ACME = SEED.orgs.enterprise.id;
const ADMIN = SEED.users.admin;
const SENDER = { frameUrl: 'http://renderer.test/index.html', isMainFrame: true, windowId: 'w' };
const SHAPES = keyShapes();
const CASES = echoCases(SHAPES);

interface Console {
  services: Services;
  call<T = unknown>(channel: string, input?: unknown): Promise<IpcResult<T>>;
}

let emu: RunningEmulator;
let dir: string;
let secrets: MemorySecretStore;
let admin: LangwatchApi;
let echoSourceIds: string[];
/** Everything that left main: IPC answers and events (as JSON), and the Copy reports. */
const outputs: string[] = [];
/** The cases that got out, per run and per kind of output. */
const leaks: Record<string, Record<string, string[]>> = {};

/** A console start: a fresh module graph, as a new main process has (its registry of secrets included). */
async function boot(): Promise<Console> {
  vi.resetModules();
  const { createServices } = await import('../../src-main/services/create-services');
  const { createDispatcher } = await import('../../src-main/ipc/dispatcher');
  const { createHandlerTable } = await import('../../src-main/ipc/handlers');
  const services = await createServices({
    config: {
      mode: 'test',
      userDataDir: dir,
      secretBackend: 'memory',
      defaultLangwatchUrl: emu.langwatchUrl,
      defaultAnthropicUrl: emu.anthropicUrl,
    },
    version: '0.0.0-test',
    secrets,
  });
  services.events.addSink((name, payload) => outputs.push(`${name} ${JSON.stringify(payload)}`));
  const dispatcher = createDispatcher({
    handlers: createHandlerTable(services),
    senderPolicy: { trustedUrls: [SENDER.frameUrl], isOurWindow: (id) => id === 'w' },
    log: services.log.child('ipc'),
  });
  const call = async <T>(channel: string, input: unknown = {}) => {
    const answer = (await dispatcher.dispatch(channel, input, SENDER)) as IpcResult<T>;
    outputs.push(JSON.stringify(answer));
    return answer;
  };
  const profileId = services.auth.state().activeProfileId!;
  expect(await call('auth.signInWithEmail', { profileId, email: ADMIN.email, password: ADMIN.password })).toMatchObject(
    { ok: true },
  );
  expect(await call('auth.selectOrganization', { organizationId: ACME })).toMatchObject({ ok: true });
  return { services, call };
}

function valueOf<T>(answer: IpcResult<T>): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

/** Stages a create with `key`; resolves when `done` holds for its entry. */
async function stage(c: Console, name: string, key: string, done: (state: string, error: boolean) => boolean) {
  const { stagedId } = valueOf(
    await c.call<{ stagedId: string }>('outbox.stage', {
      kind: 'create',
      organizationId: ACME,
      name,
      key,
      pollEverySec: 900,
    }),
  );
  await expect
    .poll(
      () => {
        const entry = c.services.outbox.list().find((e) => e.id === stagedId);
        return entry ? done(entry.state, entry.lastError !== null) : false;
      },
      { timeout: 60_000, interval: 50 },
    )
    .toBe(true);
}

/** Groups of cases whose echoes fit one recorded error message (cut at 500 characters). */
function packed(cases: readonly EchoCase[]): EchoCase[][] {
  const groups: EchoCase[][] = [[]];
  let size = 0;
  for (const c of cases) {
    if (size + c.echo.length > 360 && groups[groups.length - 1]!.length > 0) {
      groups.push([]);
      size = 0;
    }
    groups[groups.length - 1]!.push(c);
    size += c.echo.length + 3;
  }
  return groups;
}

/** The hostile server returns every case everywhere it can; the console shows and keeps what it must. */
async function echoEverywhere(c: Console, run: string): Promise<void> {
  // 1. Source descriptions: the list (snapshot, events), one source, the exports.
  for (const [i, id] of echoSourceIds.entries())
    await admin.updateSource({ organizationId: ACME, id, description: `Key (${run}): ${CASES[i]!.echo}` });
  valueOf(await c.call('sources.refreshNow'));
  const snapshot = JSON.stringify(valueOf(await c.call('sources.snapshot')));
  expect(snapshot.match(/Key \([a-z ]+\): /g), 'every echo arrived').toHaveLength(50);
  for (const id of echoSourceIds) valueOf(await c.call('sources.get', { id }));
  for (const format of ['json', 'csv']) valueOf(await c.call('sources.export', { format }));
  // 2. Create errors: recorded in outbox.json and shown by outbox.list.
  for (const [i, group] of packed(CASES).entries()) {
    const echo = group.map((g) => g.echo).join(' | ');
    emu.control.faults.add({
      route: 'ingestionSources.create',
      side: 'langwatch',
      kind: 'echoSecrets',
      echo,
      times: 1,
    });
    await stage(c, `Echo error ${run} ${i}`, `corp.key.${run.length}${i}${Date.now()}`, (_s, error) => error);
    emu.control.faults.clear();
  }
  valueOf(await c.call('outbox.list'));
  // 3. Anthropic's request-id (and error body) of a key check, carried into the Copy report.
  const profileId = c.services.auth.state().activeProfileId!;
  const source = { id: echoSourceIds[0]!, name: 'Echo source' };
  for (const cell of CASES) {
    emu.control.faults.add({
      route: '/v1',
      side: 'anthropic',
      kind: 'echoSecrets',
      status: 401,
      echo: cell.echo,
      times: 1,
    });
    const checked = valueOf(
      await c.call<{ verdict: { verdict: string; requestId: string | null; checkedAt: string }; fingerprint: string }>(
        'keyChecks.checkTyped',
        { profileId, key: `sk-ant-api01-throwaway${Date.now()}` },
      ),
    );
    emu.control.faults.clear();
    const { verdict, requestId, checkedAt } = checked.verdict;
    const justChecked = {
      keyCheck: { verdict, requestId, checkedAt, fingerprint: checked.fingerprint, origin: 'just_now' },
      feed: null,
    };
    const diagnosis = valueOf(await c.call<Diagnosis>('sources.diagnose', { id: source.id, justChecked }));
    outputs.push(
      diagnosisReport(diagnosis, {
        sourceId: source.id,
        sourceName: source.name,
        deployment: emu.langwatchUrl,
        organization: 'Acme',
        generatedAt: new Date().toISOString(),
        consoleVersion: '0.0.0-test',
      }),
    );
  }
  // 4. The log: server text logged as a message and as data.
  for (const cell of CASES) c.services.log.warn(`server said ${cell.echo}`, { reason: `echo: ${cell.echo}` });
  await c.services.log.flush();
  const out = outputs.splice(0).join('\n');
  // Fingerprints and ids the UI needs are still there.
  expect(out).toMatch(/sk-ant-api01-…[A-Za-z0-9_-]{4}/);
  expect(out).toContain(echoSourceIds[0]);
  leaks[run] = {
    'IPC answers, events and reports': leakedCases(CASES, out),
    'user-data files (outbox.json, the log)': leakedCases(CASES, filesText(dir)),
  };
}

beforeAll(async () => {
  emu = await startEmulator({ pullerSchedule: false });
  dir = mkdtempSync(join(tmpdir(), 'lw-echo-restart-'));
  secrets = createMemorySecretStore();
  echoSourceIds = emu.control.seedSources(ACME, CASES.length);
  const { cookie } = await signInWithEmail({ baseUrl: emu.langwatchUrl, email: ADMIN.email, password: ADMIN.password });
  admin = createLangwatchApi({ baseUrl: emu.langwatchUrl, getCookie: async () => cookie });
});

afterAll(async () => {
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('echoes of submitted keys, 5 shapes × 10 encodings, in this run and the next', () => {
  it('run 1: the keys are submitted and wiped; their echoes in this run reach nothing', async () => {
    const c = await boot();
    await c.services.settings.update({ autoPreflight: false });
    for (const [i, shape] of SHAPES.entries())
      await stage(c, `Echo key ${i}`, shape.key, (state) => state === 'submitted');
    expect(c.services.outbox.list().every((e) => !e.keyHeld)).toBe(true);
    await echoEverywhere(c, 'same run');
    await c.services.close();
  });

  it('run 2 (a restart): the same echoes reach nothing either', async () => {
    const c = await boot();
    await echoEverywhere(c, 'next run');
    await c.services.close();
  });

  it('nowhere: not in IPC answers, events, the Copy report, outbox.json or the log (0 of 100)', () => {
    expect(filesText(dir)).toContain('Echo error');
    // A case counts once per run, wherever it got out: 50 cases × 2 runs.
    const got = Object.values(leaks).reduce((n, where) => n + new Set(Object.values(where).flat()).size, 0);
    expect(leaks, `${got} of 100 got through`).toEqual({
      'same run': { 'IPC answers, events and reports': [], 'user-data files (outbox.json, the log)': [] },
      'next run': { 'IPC answers, events and reports': [], 'user-data files (outbox.json, the log)': [] },
    });
  });
});

/**
 * Server-echo leak scan: a hostile (or careless) server echoes the key, cookie and password it
 * received in every place a client might keep: error message, field errors, `path`, `traceId`,
 * Anthropic `error.type`, `request-id`, `Location` and rate-limit headers. The keys used here
 * have shapes no pattern knows (the composer accepts them), so only redaction by value can
 * catch them. None of it may reach an IPC answer, an event, a record file or the log.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, startEmulator, type RunningEmulator } from '../../emulator/index';
import { createDispatcher, type Dispatcher } from '../../src-main/ipc/dispatcher';
import { createHandlerTable } from '../../src-main/ipc/handlers';
import { createServices, type Services } from '../../src-main/services/create-services';
import { createMemorySecretStore, type MemorySecretStore } from '../../src-main/services/secrets/memory-store';
import { filesText } from '../support/files';

const ACME = SEED.orgs.enterprise.id;
const ADMIN = SEED.users.admin;
const SENDER = { frameUrl: 'http://renderer.test/index.html', isMainFrame: true, windowId: 'w' };
// Shapes the composer accepts but no redaction pattern recognises.
const STAGED_KEY = `acme-vault:${randomBytes(12).toString('hex')}+Z/`;
const TYPED_KEY = `corp.key.${randomBytes(12).toString('hex')}`;

let emu: RunningEmulator;
let services: Services;
let secrets: MemorySecretStore;
let dispatcher: Dispatcher;
let dir: string;
const traffic: string[] = [];

async function call(channel: string, input: unknown = {}): Promise<unknown> {
  const answer = await dispatcher.dispatch(channel, input, SENDER);
  traffic.push(JSON.stringify(answer));
  return answer;
}

function userDataText(): string {
  return filesText(dir);
}

beforeAll(async () => {
  emu = await startEmulator({ pullerSchedule: false });
  dir = mkdtempSync(join(tmpdir(), 'lw-echo-'));
  secrets = createMemorySecretStore();
  services = await createServices({
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
  services.events.addSink((name, payload) => traffic.push(`${name} ${JSON.stringify(payload)}`));
  dispatcher = createDispatcher({
    handlers: createHandlerTable(services),
    senderPolicy: { trustedUrls: [SENDER.frameUrl], isOurWindow: (id) => id === 'w' },
    log: services.log.child('ipc'),
  });
});

afterAll(async () => {
  await services?.close();
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a server that echoes secrets', () => {
  const profileId = () => services.auth.state().activeProfileId!;

  it('sign-in: the password echoed in the error answer reaches no answer, event, file or log', async () => {
    emu.control.faults.add({ route: '/api/auth', side: 'langwatch', kind: 'echoSecrets', status: 400, times: 1 });
    const failed = await call('auth.signInWithEmail', {
      profileId: profileId(),
      email: ADMIN.email,
      password: ADMIN.password,
    });
    expect(failed).toMatchObject({ ok: false });
    expect(
      await call('auth.signInWithEmail', { profileId: profileId(), email: ADMIN.email, password: ADMIN.password }),
    ).toMatchObject({ ok: true });
    expect(await call('auth.selectOrganization', { organizationId: ACME })).toMatchObject({ ok: true });
  });

  it('status: the session cookie echoed in a tRPC error (message, path, traceId, field errors) is redacted', async () => {
    emu.control.faults.add({
      route: 'ingestionSources.*',
      side: 'langwatch',
      kind: 'echoSecrets',
      status: 400,
      times: 3,
    });
    const answer = JSON.stringify(await call('sources.refreshNow'));
    expect(answer).toContain('[REDACTED]');
    emu.control.faults.clear();
  });

  it('outbox: the staged key echoed by a failing create is not in the entry, its record, events or the log', async () => {
    // The emulator's Anthropic side does not know this key: skip the key check so the create is sent.
    await services.settings.update({ autoPreflight: false });
    emu.control.faults.add({
      route: 'ingestionSources.create',
      side: 'langwatch',
      kind: 'echoSecrets',
      status: 400,
      times: 5,
    });
    const staged = (await call('outbox.stage', {
      kind: 'create',
      organizationId: ACME,
      name: 'Echo test',
      key: STAGED_KEY,
      pollEverySec: 900,
    })) as {
      value: { stagedId: string };
    };
    const id = staged.value.stagedId;
    await expect
      .poll(() => services.outbox.list().find((e) => e.id === id)?.lastError?.message ?? null, { timeout: 20_000 })
      .not.toBeNull();
    const listed = JSON.stringify(await call('outbox.list'));
    expect(listed).toContain('Echo test');
    // The server's message was kept, with the key taken out of it.
    expect(listed).toContain('[REDACTED]');
    await call('outbox.history', { stagedId: id }).catch(() => undefined);
    emu.control.faults.clear();
  });

  it('key check: an Anthropic answer echoing the typed key in error.type, request-id, Location and rate-limit headers', async () => {
    for (const status of [400, 401, 302, 429, 529]) {
      emu.control.faults.add({ route: '/v1', side: 'anthropic', kind: 'echoSecrets', status, times: 3 });
      const answer = await call('keyChecks.checkTyped', { profileId: profileId(), key: TYPED_KEY });
      expect(JSON.stringify(answer)).not.toContain(TYPED_KEY);
      emu.control.faults.clear();
    }
  });

  it('nothing of it anywhere: IPC answers, events, user-data files, logs', async () => {
    await services.log.flush();
    const cookie = await secrets.get((await secrets.listAccounts()).find((a) => a.startsWith('session:'))!);
    expect(cookie).toBeTruthy();
    const cookieValue = cookie!.slice(cookie!.indexOf('=') + 1);
    const everything = `${traffic.join('\n')}\n${userDataText()}`;
    expect(traffic.length).toBeGreaterThan(5);
    for (const [what, value] of [
      ['password', ADMIN.password],
      ['staged key', STAGED_KEY],
      ['typed key', TYPED_KEY],
      ['session cookie value', cookieValue],
      ['session cookie value, decoded', decodeURIComponent(cookieValue)],
    ] as const) {
      expect(everything.includes(value), `${what} leaked`).toBe(false);
      expect(everything.includes(encodeURIComponent(value)), `${what} (URL-encoded) leaked`).toBe(false);
    }
  });
});

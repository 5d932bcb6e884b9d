/**
 * The two SourcesReader implementations answer the same reads the same way against the
 * emulator: the cookie tRPC API (admins) and the read-only CLI REST (device sessions), and
 * the session's clients choose between them once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, SEED, type RunningEmulator } from '../../../emulator/index';
import { createLangwatchApi, type LangwatchApi } from '../../../src-main/services/langwatch/api';
import { signInWithEmail } from '../../../src-main/services/langwatch/auth';
import { createCliRest, type CliRest } from '../../../src-main/services/langwatch/cli-rest';
import { createLangwatchHttp } from '../../../src-main/services/langwatch/http';
import {
  apiSourcesReader,
  cliSourcesReader,
  sourcesReaderFor,
  type SourcesReader,
} from '../../../src-main/services/langwatch/sources-reader';
import { caught } from '../../support/caught';
import { emuDeviceToken } from '../../support/device-token';

const ACME = SEED.orgs.enterprise.id;
const LIVE = 'src_cc_prod';
const ARCHIVED = 'src_genie';

let emu: RunningEmulator;
let api: LangwatchApi;
let cli: CliRest;

beforeAll(async () => {
  emu = await startEmulator({ langwatchPort: 0, pullerSchedule: false });
  const { cookie } = await signInWithEmail({
    baseUrl: emu.langwatchUrl,
    email: SEED.users.admin.email,
    password: SEED.users.admin.password,
  });
  api = createLangwatchApi({ baseUrl: emu.langwatchUrl, getCookie: async () => cookie });
  const token = await emuDeviceToken(emu, ACME);
  cli = createCliRest({
    http: createLangwatchHttp({ baseUrl: emu.langwatchUrl }),
    organizationId: ACME,
    getAccessToken: async () => token,
  });
});
afterAll(async () => {
  await emu?.close();
});

describe.each([
  { name: 'tRPC API', make: (): SourcesReader => apiSourcesReader(api, ACME), readsArchived: true },
  // The CLI REST lists no archived source and has no single-source read (contract §8).
  { name: 'CLI REST', make: (): SourcesReader => cliSourcesReader(cli), readsArchived: false },
])('$name sources reader', ({ make, readsArchived }) => {
  it('lists live sources only', async () => {
    const sources = await make().listLive();
    const ids = sources.map((s) => s.id);
    expect(ids).toContain(LIVE);
    expect(ids).not.toContain(ARCHIVED);
    expect(sources.every((s) => s.archivedAt === null && s.organizationId === ACME)).toBe(true);
  });

  it('gets one source, and says when there is none', async () => {
    const reader = make();
    expect(await reader.get(LIVE)).toMatchObject({ id: LIVE, archivedAt: null });
    if (readsArchived) expect((await reader.get(ARCHIVED)).archivedAt).not.toBeNull();
    else expect((await caught(reader.get(ARCHIVED))).code).toBe('langwatch.not_found');
    expect((await caught(reader.get('src_nope'))).code).toBe('langwatch.not_found');
  });

  it("reads one source's health and a page of its events", async () => {
    const reader = make();
    const health = await reader.health(LIVE);
    expect(typeof health.events30d).toBe('number');
    const events = await reader.events(LIVE, { limit: 2 });
    expect(events.length).toBeLessThanOrEqual(2);
  });
});

describe('list health', () => {
  it('comes from the API on its own, never from the CLI', async () => {
    expect((await apiSourcesReader(api, ACME).listHealth())?.kind).toBe('ok');
    expect(await cliSourcesReader(cli).listHealth()).toBeNull();
  });
});

describe('sourcesReaderFor', () => {
  it('reads through the API when the session has one, else the CLI, else says to sign in', async () => {
    const seen: string[] = [];
    const spyApi = {
      ...api,
      getSource: async (_org: string, id: string) => (seen.push('api'), api.getSource(ACME, id)),
    };
    const spyCli = { ...cli, listSources: async () => (seen.push('cli'), cli.listSources()) };
    await sourcesReaderFor({ api: spyApi, cli: spyCli }, ACME).get(LIVE);
    await sourcesReaderFor({ api: null, cli: spyCli }, ACME).get(LIVE);
    expect(seen).toEqual(['api', 'cli']);
    const none = sourcesReaderFor({ api: null, cli: null }, ACME);
    expect((await caught(none.listLive())).code).toBe('auth.not_signed_in');
    expect((await caught(none.get(LIVE))).code).toBe('auth.not_signed_in');
  });
});

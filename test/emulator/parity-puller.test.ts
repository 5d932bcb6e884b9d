/**
 * Puller modes. `documented`: the emulator's Compliance API puller. `langwatch`: what LangWatch's
 * claudeCompliance.puller.ts requests at the referenced version (GET /v1/organizations/audit_log,
 * x-api-key, cursor ← $.next_cursor, events at $.data), which Anthropic does not serve.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { SEED, startEmulator, type RunningEmulator } from '../../emulator/index';
import { signIn, trpcClient } from './helpers';

let emu: RunningEmulator;
let cookie: string;
let t = Date.UTC(2026, 10, 1, 12);
beforeAll(async () => {
  emu = await startEmulator({ pullerSchedule: false, now: () => t, controlHttp: true, puller: 'documented' });
});
afterAll(() => emu.close());
beforeEach(async () => {
  await emu.control.reset();
  cookie = await signIn(emu.langwatchUrl);
});

const create = (name: string) =>
  trpcClient(emu.langwatchUrl, cookie).ingestionSources.create.mutate({
    organizationId: 'org_acme',
    sourceType: 'claude_compliance',
    name,
    parserConfig: { adapter: 'claude_compliance', credentials: { token: SEED.anthropicKeys.compliance } },
    pullSchedule: '*/15 * * * *',
  });
const raw = (id: string) => emu.control.sources('org_acme').find((s) => s.id === id)!;

describe('puller modes', () => {
  it('langwatch: every run asks /v1/organizations/audit_log, gets 404, and only the error count moves', async () => {
    emu.control.setPullerMode('langwatch');
    const { source } = await create('LangWatch puller');
    emu.control.clearRequestLog();
    for (let i = 1; i <= 3; i++) {
      const [r] = await emu.control.pullNow(source.id);
      expect(r).toMatchObject({ outcome: 'auth_error', httpStatus: 404, newEvents: 0 });
      expect(raw(source.id)).toMatchObject({
        status: 'awaiting_first_event',
        errorCount: i,
        eventCount: 0,
        lastEventAt: null,
      });
    }
    const calls = emu.control.requestLog().filter((e) => e.side === 'anthropic');
    expect(calls.every((c) => c.path === '/v1/organizations/audit_log' && c.status === 404)).toBe(true);
    expect(calls.some((c) => c.path === '/v1/compliance/activities')).toBe(false);
  });

  it('the emulated Anthropic answers audit_log with its not_found_error body', async () => {
    const res = await request(`${emu.anthropicUrl}/v1/organizations/audit_log`, {
      headers: { 'x-api-key': SEED.anthropicKeys.compliance, 'anthropic-version': '2023-06-01' },
    });
    expect(res.statusCode).toBe(404);
    expect(await res.body.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });

  it('documented (default): events arrive, the source turns active, lastEventAt is the run time', async () => {
    expect(emu.control.modes().puller).toBe('documented');
    const { source } = await create('Documented puller');
    t += 60_000;
    const [r] = await emu.control.pullNow(source.id);
    expect(r!.newEvents).toBeGreaterThan(0);
    expect(raw(source.id)).toMatchObject({ status: 'active', errorCount: 0, lastEventAt: new Date(t).toISOString() });
  });

  it('the mode is an option, a control method (in process and over HTTP), and reset restores the option', async () => {
    const e2 = await startEmulator({ pullerSchedule: false, puller: 'langwatch' });
    try {
      expect(e2.control.modes().puller).toBe('langwatch');
    } finally {
      await e2.close();
    }
    const res = await request(`${emu.langwatchUrl}/__emulator/setPullerMode`, {
      method: 'POST',
      body: JSON.stringify({ args: ['langwatch'] }),
    });
    expect(res.statusCode).toBe(200);
    await res.body.dump();
    expect(emu.control.modes().puller).toBe('langwatch');
    expect(() => emu.control.setPullerMode('nope' as never)).toThrow(/documented or langwatch/);
    await emu.control.reset();
    expect(emu.control.modes().puller).toBe('documented');
  });

  it('the CLI refuses an unknown --puller, naming both modes', () => {
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--puller', 'bogus'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('documented, langwatch');
  });
});

describe("LW_EMULATOR_PULLER (the console tests' switch)", () => {
  it("an emulator started without a puller takes the environment's; an explicit option wins; a typo is refused", async () => {
    const saved = process.env.LW_EMULATOR_PULLER;
    try {
      process.env.LW_EMULATOR_PULLER = 'langwatch';
      const e = await startEmulator({ pullerSchedule: false });
      try {
        expect(e.control.modes().puller).toBe('langwatch');
      } finally {
        await e.close();
      }
      const d = await startEmulator({ pullerSchedule: false, puller: 'documented' });
      try {
        expect(d.control.modes().puller).toBe('documented');
      } finally {
        await d.close();
      }
      process.env.LW_EMULATOR_PULLER = 'lang-watch';
      await expect(startEmulator({ pullerSchedule: false })).rejects.toThrow(/LW_EMULATOR_PULLER/);
    } finally {
      if (saved === undefined) delete process.env.LW_EMULATOR_PULLER;
      else process.env.LW_EMULATOR_PULLER = saved;
    }
  });
});

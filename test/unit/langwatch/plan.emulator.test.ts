/**
 * `sources.plan` against the emulator, which follows LangWatch's `plan.getActivePlan`
 * (platform/app/src/server/api/routers/plan.ts, permission `organization:view`), the
 * `isEnterpriseTier` rule (src/server/api/enterprise.ts) and the non-enterprise cap
 * (ee/governance/services/activity-monitor/ingestionSource.constants.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, startEmulator, type RunningEmulator } from '../../../emulator/index';
import type { ActiveAuth } from '../../../src-main/services/auth/types';
import { createLangwatchApi } from '../../../src-main/services/langwatch/api';
import { signInWithEmail } from '../../../src-main/services/langwatch/auth';
import { apiSourcesReader } from '../../../src-main/services/langwatch/sources-reader';
import { createMemoryLogger } from '../../../src-main/services/logging/test-loggers';
import { readSourcesPlan } from '../../../src-main/services/sources/plan';
import { sourcesLeft } from '../../../src-shared/domain/source-plan';

const ACME = SEED.orgs.enterprise.id;
const SMALL = SEED.orgs.free.id;

describe('the plan of an organisation', () => {
  let emu: RunningEmulator;
  const cookies: Record<'admin' | 'support', string> = { admin: '', support: '' };
  beforeAll(async () => {
    emu = await startEmulator({ langwatchPort: 0, pullerSchedule: false });
    for (const who of ['admin', 'support'] as const) {
      const { email, password } = SEED.users[who];
      cookies[who] = (await signInWithEmail({ baseUrl: emu.langwatchUrl, email, password })).cookie;
    }
  });
  afterAll(async () => {
    await emu?.close();
  });

  function activeAuth(who: 'admin' | 'support', organizationId: string): ActiveAuth {
    const api = createLangwatchApi({ baseUrl: emu.langwatchUrl, getCookie: async () => cookies[who] });
    return {
      organizationId,
      api,
      sources: apiSourcesReader(api, organizationId),
      readOnly: false,
    } as unknown as ActiveAuth;
  }

  it('reads Enterprise with no cap, and the active count from the list', async () => {
    const auth = activeAuth('admin', ACME);
    expect((await auth.api!.activePlan(ACME)).type).toBe('ENTERPRISE');
    const live = (await auth.api!.listSources(ACME)).length;
    expect(await readSourcesPlan(auth, createMemoryLogger())).toEqual({ isEnterprise: true, cap: null, active: live });
  });

  it('reads a self-hosted plan without a licence as non-enterprise with the cap of 3, and follows a switch', async () => {
    const auth = activeAuth('admin', SMALL);
    expect((await auth.api!.activePlan(SMALL)).type).toBe('OPEN_SOURCE');
    const plan = await readSourcesPlan(auth, createMemoryLogger());
    expect(plan).toMatchObject({ isEnterprise: false, cap: 3 });
    expect(sourcesLeft(plan)).toBe(Math.max(0, 3 - plan.active!));
    emu.control.setEnterprise(SMALL, true);
    try {
      expect(await readSourcesPlan(auth, createMemoryLogger())).toMatchObject({ isEnterprise: true, cap: null });
    } finally {
      emu.control.setEnterprise(SMALL, false);
    }
  });

  it('says unknown, not small, when the plan cannot be read (no organization:view)', async () => {
    const log = createMemoryLogger();
    const plan = await readSourcesPlan(activeAuth('support', ACME), log);
    expect(plan.isEnterprise).toBeNull();
    expect(plan.cap).toBeNull();
    expect(plan.active).toBeGreaterThan(0);
    expect(sourcesLeft(plan)).toBeNull();
    expect(log.text()).toContain('langwatch.forbidden');
  });
});

/**
 * What a device sign-in creates on a LangWatch deployment (a personal workspace and a CLI API
 * key, whose secrets come back in the /exchange answer) stays on the server: the console
 * keeps only its two tokens, and signing out revokes the key with them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED } from '../../../emulator/index';
import { createTestLogger, runClockUntil, startHarness, type Harness } from './harness';

const ACME = SEED.orgs.enterprise.id;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('device sign-in side effects', () => {
  it('the CLI and project keys of the answer are never kept; sign-out revokes the CLI key', async () => {
    const { logger, dir } = createTestLogger();
    h = await startHarness(logger);
    const start = await h.manager.startDeviceSignIn(h.profileId);
    h.emu.control.approveDevice(start.userCode, 'support', ACME);
    await runClockUntil(h.clock, start.completion);
    expect(h.emu.control.personalWorkspaces()).toMatchObject([{ userId: 'user_support', organizationId: ACME }]);
    const issued = h.emu.control.issuedSecrets();
    expect(issued).toHaveLength(2);
    const values = await Promise.all((await h.secrets.listAccounts()).map((a) => h!.secrets.get(a)));
    const kept = values.join('\n') + JSON.stringify(h.changes);
    logger.flushSync();
    const logs = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    for (const secret of issued) {
      expect(kept.includes(secret)).toBe(false);
      expect(logs.includes(secret)).toBe(false);
    }
    expect(h.emu.control.cliKeys()).toMatchObject([{ revokedAt: null }]);
    await h.manager.signOut(h.profileId);
    expect(h.emu.control.cliKeys()).toMatchObject([{ revokedAt: expect.any(String) }]);
    expect(h.emu.control.cliSessions()).toEqual([]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../emulator';
import { SEED } from '../../../emulator/seed';
import { createServices, type Services } from '../../../src-main/services/create-services';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

// The composition root wires the outbox's automatic key check into the key-verdict memory,
// so the diagnosis of a source sees the verdict even when nobody pressed "Test key".
describe('automatic key check verdicts are remembered', () => {
  let emulator: Emulator;
  let dir: string;
  let services: Services;

  beforeEach(async () => {
    emulator = await startEmulator({ pullerSchedule: false });
    dir = mkdtempSync(join(tmpdir(), 'lw-key-check-'));
    services = await createServices({
      version: 'test',
      config: {
        mode: 'test',
        userDataDir: dir,
        secretBackend: 'memory',
        defaultLangwatchUrl: emulator.langwatchUrl,
        defaultAnthropicUrl: emulator.anthropicUrl,
      },
    });
    const profileId = services.auth.state().activeProfileId!;
    await services.sessions.signInWithEmail(profileId, {
      email: SEED.users.admin.email,
      password: SEED.users.admin.password,
    });
    await services.auth.refresh();
  });

  afterEach(async () => {
    await services.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // The key is the last column and never part of the title (test names reach reports).
  it.each([
    ['revoked', 'rejected', 'invalid_key', SEED.anthropicKeys.revoked],
    ['valid', 'submitted', 'valid', SEED.anthropicKeys.compliance],
  ] as const)('a %s key: the entry ends %s and its verdict (%s) is filed', async (_label, finalState, verdict, key) => {
    const { stagedId } = await services.outbox.stage({
      kind: 'create',
      organizationId: 'org_acme',
      name: `Key check ${verdict}`,
      key,
      pollEverySec: 300,
    });
    await expect
      .poll(() => services.outbox.list().find((e) => e.id === stagedId)?.state, { timeout: 10_000 })
      .toBe(finalState);
    expect(services.keyChecks.lastVerdictFor({ stagedId })?.verdict.verdict).toBe(verdict);
    expect(JSON.stringify(services.keyChecks.lastVerdictFor({ stagedId }))).not.toContain(key);
    // A key submitted at once (not staged offline) still files its verdict under the new source.
    const sourceId = services.outbox.list().find((e) => e.id === stagedId)?.sourceId;
    if (finalState === 'submitted') {
      expect(sourceId).toBeTruthy();
      await expect.poll(() => services.keyChecks.lastVerdictFor({ sourceId })?.verdict.verdict).toBe(verdict);
    }
  });
});

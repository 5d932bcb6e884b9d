import { describe, expect, it } from 'vitest';
import { SEED, VENDOR_SEED } from '../../../emulator';
import { guardReadOnly } from '../../../src-main/ipc/read-only-guard';
import type { HandlerTable } from '../../../src-main/ipc/handler-types';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { createStagedSourceReader, type StagedEntries } from '../../../src-main/services/source-checks';
import { AppError } from '../../../src-shared/errors';
import { startChecks } from './setup';

const D = VENDOR_SEED.databricks;

/** An outbox with entry `stg_mine` (the viewer's), `stg_old` (a compliance entry) and `stg_theirs` (someone else's). */
function fakeOutbox(workspaceUrl: string): StagedEntries {
  return {
    stagedKeyTarget(id) {
      if (id === 'stg_theirs') throw new AppError('outbox.not_yours', 'Staged by someone else.');
      return id === 'stg_mine' || id === 'stg_old' ? { profileId: 'p1' } : null;
    },
    list: () => [
      { id: 'stg_mine', sourceType: 'databricks_genie', values: { workspaceUrl } },
      { id: 'stg_old' },
      { id: 'stg_theirs' },
    ],
  };
}

async function stagedSetup(store: Record<string, string>, remembered: unknown[] = []) {
  const secrets = createMemorySecretStore(store);
  let outbox: StagedEntries | null = null;
  const readStaged = createStagedSourceReader({
    outbox: { stagedKeyTarget: (id) => outbox!.stagedKeyTarget(id), list: () => outbox!.list() },
    secrets,
  });
  const started = await startChecks({
    readStaged,
    onStagedComplianceVerdict: async (v) => {
      remembered.push(v);
    },
  });
  outbox = fakeOutbox(started.emu.vendorsUrl);
  return { ...started, secrets };
}

const UNIT = JSON.stringify({ clientId: D.clientId, clientSecret: D.clientSecret });

describe('source check: staged secrets', () => {
  it('reads the unit (one JSON object) from the keychain and checks it for its owner', async () => {
    const { checks, noLeak, asked } = await stagedSetup({ 'staged:stg_mine': UNIT });
    const result = await checks.checkStaged({ entryId: 'stg_mine' });
    expect(result).toMatchObject({ entryId: 'stg_mine', sourceType: 'databricks_genie', profileId: 'p1' });
    expect(result.verdict.verdict).toBe('valid');
    expect(Object.keys(result.fingerprints).sort()).toEqual(['clientId', 'clientSecret']);
    expect(asked('vendors')).toEqual(['/oidc/v1/token', '/api/2.0/genie/spaces']);
    noLeak(result);
  });

  it('an entry staged before issue 20 (a bare compliance key) is checked as claude_compliance', async () => {
    const remembered: unknown[] = [];
    const { checks, asked, noLeak } = await stagedSetup(
      { 'staged:stg_old': SEED.anthropicKeys.compliance },
      remembered,
    );
    const result = await checks.checkStaged({ entryId: 'stg_old' });
    expect(result).toMatchObject({ sourceType: 'claude_compliance', check: 'compliance' });
    expect(result.verdict.verdict).toBe('valid');
    expect(asked('anthropic')).toEqual(['/v1/compliance/activities']);
    // Remembered for the entry like "Test key" on it, so the diagnosis sees it; by fingerprint only.
    expect(remembered).toEqual([
      expect.objectContaining({ entryId: 'stg_old', profileId: 'p1', fingerprint: result.fingerprints.token }),
    ]);
    noLeak(remembered);
  });

  it('someone else’s entry and an unknown one are refused before the keychain is read or anything is sent', async () => {
    const { checks, emu } = await stagedSetup({ 'staged:stg_theirs': UNIT });
    await expect(checks.checkStaged({ entryId: 'stg_theirs' })).rejects.toMatchObject({ code: 'outbox.not_yours' });
    await expect(checks.checkStaged({ entryId: 'stg_nope' })).rejects.toMatchObject({ code: 'outbox.not_found' });
    expect(emu.control.requestLog()).toEqual([]);
  });

  it('a locked keychain is its own state (keychain.unavailable), never "the secrets are gone"', async () => {
    const { checks, secrets, emu } = await stagedSetup({ 'staged:stg_mine': UNIT });
    secrets.get = async () => null;
    secrets.failNext('set');
    await expect(checks.checkStaged({ entryId: 'stg_mine' })).rejects.toMatchObject({ code: 'keychain.unavailable' });
    expect(emu.control.requestLog()).toEqual([]);
  });

  it('a keychain that answers without the unit: outbox.key_missing', async () => {
    const { checks } = await stagedSetup({});
    await expect(checks.checkStaged({ entryId: 'stg_mine' })).rejects.toMatchObject({ code: 'outbox.key_missing' });
  });

  it('a read-only session may not check a staged entry', async () => {
    let called = false;
    const table = guardReadOnly(
      {
        'keyChecks.checkStagedSource': async () => {
          called = true;
          return null as never;
        },
      } as unknown as HandlerTable,
      () => ({ readOnly: true, activeProfileId: 'p1', profileSessions: [] }),
    );
    await expect(table['keyChecks.checkStagedSource']({ entryId: 'stg_mine' }, {} as never)).rejects.toMatchObject({
      code: 'auth.read_only',
    });
    expect(called).toBe(false);
  });
});

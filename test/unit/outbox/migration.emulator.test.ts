import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stagedAccount } from '../../../src-main/services/outbox/entry';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';
import { ACME, KEY, useOutboxRigs } from './emulator-rig';

const { emu, rig, named, expectNoLeak } = useOutboxRigs();

// An outbox.json written by the console before sources of every type (a compliance create
// staged offline, one attempt made), with its bare key in the keychain as that console left it.
const FIXTURE = join(__dirname, 'fixtures', 'outbox-v1-compliance.json');

describe('records written before sources of every type', () => {
  it('read as claude_compliance with no plain values, and submit their bare key as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    const text = readFileSync(FIXTURE, 'utf8')
      .split('__DEPLOYMENT__')
      .join(emu().langwatchUrl)
      .split('__ANTHROPIC__')
      .join(emu().anthropicUrl);
    writeFileSync(join(dir, 'outbox.json'), text);
    const [old] = (JSON.parse(text) as { entries: Array<{ id: string; stagedAt: string }> }).entries;
    const secrets = createMemorySecretStore();
    await secrets.set(stagedAccount(old!.id), KEY);

    const r = await rig({
      dir,
      secrets,
      clockStart: Date.parse(old!.stagedAt) + 60_000,
      settings: { autoPreflight: false },
    });
    await r.clock.advance(60_000); // its retry is due
    await r.outbox.idle();

    expect(r.outbox.list()[0]).toMatchObject({ id: old!.id, state: 'submitted', keyHeld: false });
    const [src] = named(ACME, 'Compliance staged by v1');
    expect(src).toMatchObject({ sourceType: 'claude_compliance', description: 'old record' });
    expect(emu().control.credentialMatches(src!.id, KEY)).toBe(true);
    const saved = JSON.parse(readFileSync(join(dir, 'outbox.json'), 'utf8')) as { entries: unknown[] };
    expect(saved.entries[0]).toMatchObject({ sourceType: 'claude_compliance', values: {}, setsDescription: false });
    expect(secrets.size()).toBe(0);
    expectNoLeak(r, KEY);
  });
});

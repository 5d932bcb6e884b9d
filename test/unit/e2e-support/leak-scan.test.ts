/** The leak scan itself must be able to fail: planted secrets are found, in every form and place. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keychainSecrets, scanForSecrets, SEED_SECRETS } from '../../../e2e/harness/leak-scan';
import type { ConsoleHarness } from '../../../e2e/harness/console-harness';
import { createMemorySecretStore } from '../../../src-main/services/secrets/memory-store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function folder(): string {
  const d = mkdtempSync(join(tmpdir(), 'lw-leak-'));
  dirs.push(d);
  return d;
}
const SECRET = 'better-auth.session_token=Zq8/Xy+w9a==.sig';

describe('scanForSecrets', () => {
  it('finds nothing in clean places', () => {
    const d = folder();
    writeFileSync(join(d, 'log.txt'), 'key staged sk-ant-api01-…AAAA');
    expect(
      scanForSecrets([SECRET, ...SEED_SECRETS], { dirs: [d], texts: [{ where: 'traffic', text: '{"ok":true}' }] }),
    ).toEqual([]);
  });

  it('finds a secret deep in a folder, inside binary data, without printing it', () => {
    const d = folder();
    mkdirSync(join(d, 'a', 'b'), { recursive: true });
    writeFileSync(
      join(d, 'a', 'b', 'trace.zip'),
      Buffer.concat([Buffer.from([0, 255, 1, 2]), Buffer.from(SEED_SECRETS[0]!), Buffer.from([0, 0])]),
    );
    const hits = scanForSecrets(SEED_SECRETS, { dirs: [d] });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatch(/^secret#[0-9a-f]{8} \(\d+ chars\) in .*trace\.zip$/);
    expect(hits.join()).not.toContain(SEED_SECRETS[0]);
  });

  it.each([
    ['raw', SECRET],
    ['percent-encoded', encodeURIComponent(SECRET)],
    ['JSON-escaped', JSON.stringify({ v: SECRET })],
  ])('finds the %s form in a file, a single file and a text', (_form, written) => {
    const d = folder();
    writeFileSync(join(d, 'settings.json'), written);
    expect(scanForSecrets([SECRET], { dirs: [d] })).toHaveLength(1);
    expect(scanForSecrets([SECRET], { dirs: [], files: [join(d, 'settings.json')] })).toHaveLength(1);
    expect(scanForSecrets([SECRET], { dirs: [], texts: [{ where: 'traffic', text: written }] })).toEqual([
      expect.stringMatching(/ in traffic$/),
    ]);
  });
});

describe('keychainSecrets', () => {
  it('searches each secret of a staged unit on its own, and a bare staged key as it is', async () => {
    const secrets = createMemorySecretStore();
    const unit = { clientId: 'genie-client-5f2c9a7e41b3d2c8', clientSecret: 'dose-genie-9c1e7a3b5d7f' };
    await secrets.set('staged:stg_unit', JSON.stringify(unit));
    await secrets.set('staged:stg_bare', 'sk-ant-api01-bare-key-of-an-older-console');
    const found = await keychainSecrets({ services: { secrets } } as unknown as ConsoleHarness);
    expect(found).toEqual(
      expect.arrayContaining([unit.clientId, unit.clientSecret, 'sk-ant-api01-bare-key-of-an-older-console']),
    );
    const d = folder();
    writeFileSync(join(d, 'outbox.json'), `{"leaked":"${unit.clientSecret}"}`);
    expect(scanForSecrets(found, { dirs: [d] })).toHaveLength(1);
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsPatch } from '../../../src-shared/domain/settings';
import { createNullLogger } from '../../../src-main/services/logging/logger';
import { createSettingsService } from '../../../src-main/services/settings/settings';

describe('settings service', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lw-settings-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts from the defaults: key check on, 24 h TTL, notifications on', async () => {
    const settings = await createSettingsService({ userDataDir: dir, log: createNullLogger() });
    expect(settings.get()).toEqual({ autoPreflight: true, stagedKeyTtlHours: 24, notifications: true });
    expect(DEFAULT_SETTINGS).toEqual(settings.get());
  });

  it('persists an update, tells listeners, and reads it back after a restart', async () => {
    const first = await createSettingsService({ userDataDir: dir, log: createNullLogger() });
    const seen: number[] = [];
    first.onChange((s) => seen.push(s.stagedKeyTtlHours));
    await first.update({ stagedKeyTtlHours: 48, autoPreflight: false });
    expect(seen).toEqual([48]);
    const second = await createSettingsService({ userDataDir: dir, log: createNullLogger() });
    expect(second.get()).toMatchObject({ stagedKeyTtlHours: 48, autoPreflight: false, notifications: true });
  });

  it('rejects out-of-range values and keeps the old ones', async () => {
    const settings = await createSettingsService({ userDataDir: dir, log: createNullLogger() });
    await expect(settings.update({ stagedKeyTtlHours: 0 })).rejects.toThrow();
    expect(settings.get().stagedKeyTtlHours).toBe(24);
    expect(SettingsPatch.safeParse({ stagedKeyTtlHours: 1.5 }).success).toBe(false);
    expect(SettingsPatch.safeParse({ unknown: true }).success).toBe(false);
  });

  it('a patch changes only what it names: parsed as IPC parses it, the other settings stay', async () => {
    const settings = await createSettingsService({ userDataDir: dir, log: createNullLogger() });
    await settings.update(SettingsPatch.parse({ autoPreflight: false }));
    await settings.update(SettingsPatch.parse({ notifications: false }));
    await settings.update(SettingsPatch.parse({ stagedKeyTtlHours: 48 }));
    expect(SettingsPatch.parse({ stagedKeyTtlHours: 48 })).toEqual({ stagedKeyTtlHours: 48 });
    expect(settings.get()).toEqual({ autoPreflight: false, stagedKeyTtlHours: 48, notifications: false });
  });

  it('updates sent together all land (each applies to the result of the one before)', async () => {
    const settings = await createSettingsService({ userDataDir: dir, log: createNullLogger() });
    await Promise.all([
      settings.update({ autoPreflight: false }),
      settings.update({ notifications: false }),
      settings.update({ stagedKeyTtlHours: 72 }),
    ]);
    expect(settings.get()).toEqual({ autoPreflight: false, stagedKeyTtlHours: 72, notifications: false });
    const again = await createSettingsService({ userDataDir: dir, log: createNullLogger() });
    expect(again.get()).toEqual(settings.get());
  });

  it('a damaged file is set aside and the defaults are used (nothing crashes)', async () => {
    writeFileSync(join(dir, 'settings.json'), '{"version":1,"settings":{"stagedKeyTtlHours":"lots"');
    const settings = await createSettingsService({ userDataDir: dir, log: createNullLogger() });
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
    await settings.update({ notifications: false });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).settings.notifications).toBe(false);
  });
});

import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '../../../src-shared/domain/settings';
import type { Logger } from '../logging/logger';
import { createJsonFile } from '../storage/json-file';

const SettingsFile = z.object({ version: z.literal(1), settings: Settings });

/** The console's settings, persisted atomically in `<userData>/settings.json`. */
export interface SettingsService {
  get(): Settings;
  update(patch: SettingsPatch): Promise<Settings>;
  onChange(listener: (settings: Settings) => void): () => void;
}

/** Loads the settings once (a damaged file is set aside and defaults used), then serves them from memory. */
export async function createSettingsService(opts: { userDataDir: string; log: Logger }): Promise<SettingsService> {
  const file = createJsonFile({
    path: join(opts.userDataDir, 'settings.json'),
    schema: SettingsFile,
    defaults: () => ({ version: 1 as const, settings: DEFAULT_SETTINGS }),
    onCorrupt: 'reset',
    log: opts.log,
  });
  let current = (await file.read()).settings;
  const listeners = new Set<(s: Settings) => void>();
  // One update at a time: each applies its patch to the result of the one before, so two
  // changes made in quick succession (two checkboxes) both land.
  let queue: Promise<unknown> = Promise.resolve();
  async function apply(patch: SettingsPatch): Promise<Settings> {
    const next = Settings.parse({ ...current, ...patch });
    await file.write({ version: 1, settings: next });
    current = next;
    for (const listener of listeners) listener(current);
    return current;
  }
  return {
    get: () => current,
    update(patch) {
      const run = queue.then(() => apply(patch));
      queue = run.catch(() => undefined);
      return run;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

import { z } from 'zod';

/** Console settings (plain JSON on disk, no secrets). Every field has a default. */
export const Settings = z
  .object({
    /** Test a staged key against Anthropic before submitting it (skipped offline, never blocking). */
    autoPreflight: z.boolean().default(true),
    /** How long a staged key may wait in the keychain before it is wiped and marked expired. */
    stagedKeyTtlHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 14)
      .default(24),
    /** Raise a system notification when a source turns active or an offline-staged key is submitted. */
    notifications: z.boolean().default(true),
  })
  .strict();
export type Settings = z.infer<typeof Settings>;

/** A partial update from the renderer; unknown keys rejected. */
export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});

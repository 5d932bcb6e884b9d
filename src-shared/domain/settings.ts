import { z } from 'zod';

/**
 * Each setting's type and bounds, without its default: a patch parsed with defaults would fill
 * in every field it does not name, and so reset the others.
 */
const SettingFields = {
  /** Test a staged key against Anthropic before submitting it (skipped offline, never blocking). */
  autoPreflight: z.boolean(),
  /** How long a staged key may wait in the keychain before it is wiped and marked expired. */
  stagedKeyTtlHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14),
  /** Raise a system notification when a source turns active or an offline-staged key is submitted. */
  notifications: z.boolean(),
};

/** Console settings (plain JSON on disk, no secrets). Every field has a default. */
export const Settings = z
  .object({
    autoPreflight: SettingFields.autoPreflight.default(true),
    stagedKeyTtlHours: SettingFields.stagedKeyTtlHours.default(24),
    notifications: SettingFields.notifications.default(true),
  })
  .strict();
export type Settings = z.infer<typeof Settings>;

/**
 * Settings whose effect reaches every staged key on this computer, other people's too: whether
 * each is tested before it is sent, and how long it may wait before it is wiped. A read-only
 * session may not change them; notifications only tell the person at the console.
 */
export const SHARED_SETTINGS = ['autoPreflight', 'stagedKeyTtlHours'] as const satisfies ReadonlyArray<
  keyof typeof SettingFields
>;

/** A partial update from the renderer: only the settings it names change; unknown keys rejected. */
export const SettingsPatch = z.object(SettingFields).partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});

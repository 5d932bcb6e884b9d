import { z } from 'zod';
import { activityPreviewSchema } from './governance-event';
import { keyVerdictSchema } from './key-verdict';

// What the console remembers and shows about the key checks it made: the verdict, the key's
// display fingerprint and where it was checked. Never the key or any part beyond the
// fingerprint, so it may be written to a file and sent to the renderer.

/** What a key check was about: the key (by fingerprint only), its profile and where it went. */
export const CheckedKey = z.object({
  /** Display-safe fingerprint of the key that was checked (`sk-ant-api01-…a1b2`). */
  fingerprint: z.string().max(64),
  profileId: z.string(),
  /** The Anthropic base URL the check went to. */
  anthropicBaseUrl: z.string(),
});
export type CheckedKey = z.infer<typeof CheckedKey>;

/** The last verdict of a staged key (and of the source it was staged for, when known). */
export const RecordedKeyVerdict = CheckedKey.extend({
  verdict: keyVerdictSchema,
  stagedId: z.string().nullable(),
  sourceId: z.string().nullable(),
  recordedAt: z.iso.datetime(),
});
export type RecordedKeyVerdict = z.infer<typeof RecordedKeyVerdict>;

/** The most recent verdicts, by staged entry and by source. */
export const LastKeyVerdicts = z.object({
  byStagedId: z.record(z.string(), RecordedKeyVerdict),
  bySourceId: z.record(z.string(), RecordedKeyVerdict),
});
export type LastKeyVerdicts = z.infer<typeof LastKeyVerdicts>;

/** The answer to "Test key": the verdict and what it was about. */
export const KeyCheckResult = CheckedKey.extend({ verdict: keyVerdictSchema });
export type KeyCheckResult = z.infer<typeof KeyCheckResult>;

/** The answer to "Preview events": the newest activities mapped to governance events. */
export const KeyPreviewResult = CheckedKey.extend({ preview: activityPreviewSchema });
export type KeyPreviewResult = z.infer<typeof KeyPreviewResult>;

/** How many activities the preview shows. */
export const KEY_PREVIEW_SIZE = 20;

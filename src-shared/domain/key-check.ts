import { z } from 'zod';
import { activityPreviewSchema } from './governance-event';
import { keyVerdictSchema } from './key-verdict';

// What the console remembers and shows about the key checks it made: the verdict, the key's
// display fingerprint and where it was checked. Never the key or any part beyond the
// fingerprint, so it may be written to a file and sent to the renderer.

/** The last verdict of a staged key (and of the source it was staged for, when known). */
export const RecordedKeyVerdict = z.object({
  verdict: keyVerdictSchema,
  /** Display-safe fingerprint of the key that was checked (`sk-ant-api01-…a1b2`). */
  fingerprint: z.string().max(64),
  stagedId: z.string().nullable(),
  sourceId: z.string().nullable(),
  profileId: z.string(),
  /** The Anthropic base URL the check went to. */
  anthropicBaseUrl: z.string(),
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
export const KeyCheckResult = z.object({
  verdict: keyVerdictSchema,
  fingerprint: z.string().max(64),
  profileId: z.string(),
  anthropicBaseUrl: z.string(),
});
export type KeyCheckResult = z.infer<typeof KeyCheckResult>;

/** The answer to "Preview events": the newest activities mapped to governance events. */
export const KeyPreviewResult = z.object({
  preview: activityPreviewSchema,
  fingerprint: z.string().max(64),
  profileId: z.string(),
  anthropicBaseUrl: z.string(),
});
export type KeyPreviewResult = z.infer<typeof KeyPreviewResult>;

/** How many activities the preview shows. */
export const KEY_PREVIEW_SIZE = 20;

/**
 * The ingest secret: the bearer token LangWatch hands out exactly once, when a source is
 * created and when its secret is rotated, and that a push source's sender (an OpenTelemetry
 * exporter, Claude Code, a Workato recipe) must present. LangWatch keeps only its hash, so a
 * secret not shown to its owner is lost for good (the way out is a rotation).
 *
 * The console keeps it in the OS keychain, under the person and deployment whose create or
 * rotation received it, until that person reveals it once or it expires. These are the
 * shapes the renderer sees: the waiting list carries no value; the reveal carries the value
 * once (the one answer the dispatcher lets a secret through, see `reveals` in ipc/define.ts).
 */
import { z } from 'zod';
import { catalogEntry } from './source-catalog';
import { SourceType } from './langwatch';

/**
 * How long a received secret waits in the keychain for its owner: 7 days, long enough for a
 * create staged offline on Friday and submitted over the weekend. Then it is wiped (a
 * rotation gives a new one). Fixed, stated in the panel; not the staged-key lifetime, which
 * bounds how long a key waits to be *sent*, not how long its answer waits to be *read*.
 */
export const INGEST_SECRET_KEEP_MS = 7 * 24 * 3_600_000;

/** How long a copied secret or snippet stays on the clipboard before the console clears it. */
export const CLIPBOARD_CLEAR_MS = 60_000;

/** LangWatch keeps the previous secret working this long after a rotation. */
export const ROTATION_GRACE_HOURS = 24;

/** The console's shape of an ingest secret (LangWatch mints `lw_is_` + 32 characters). */
export const IngestSecretValue = z.string().min(16).max(512).regex(/^\S+$/, 'an ingest secret has no spaces');

/** What received the secret: the source's create, or a rotation. */
export const IngestSecretOrigin = z.enum(['created', 'rotated']);
export type IngestSecretOrigin = z.infer<typeof IngestSecretOrigin>;

/** One secret waiting for its owner, as the renderer lists it (no value). */
export const WaitingIngestSecret = z.object({
  sourceId: z.string().max(128),
  sourceType: z.string().max(200),
  sourceName: z.string().max(200),
  organizationId: z.string().max(128),
  origin: IngestSecretOrigin,
  receivedAt: z.iso.datetime({ offset: true }),
  /** When it is wiped if nobody reveals it. */
  expiresAt: z.iso.datetime({ offset: true }),
});
export type WaitingIngestSecret = z.infer<typeof WaitingIngestSecret>;

/** The one answer that carries the value: the secret, and where a push source sends with it. */
export const RevealedIngestSecret = z.object({
  sourceId: z.string().max(128),
  sourceType: z.string().max(200),
  sourceName: z.string().max(200),
  origin: IngestSecretOrigin,
  /** The deployment the source lives on (the endpoint and snippets are built from it). */
  deploymentUrl: z.string().max(2048),
  secret: IngestSecretValue,
});
export type RevealedIngestSecret = z.infer<typeof RevealedIngestSecret>;

/** True for the types whose sender presents the ingest secret (LangWatch's push types). */
export function usesIngestSecret(sourceType: string): boolean {
  const known = SourceType.safeParse(sourceType);
  return known.success && catalogEntry(known.data).mode === 'push';
}

/**
 * The "Everywhere" view: every source of every signed-in deployment profile and every
 * organisation the person may view there. A place is one (profile, organisation), or a
 * profile alone when its organisations cannot be known (signed out, expired, unreachable).
 * Each place has its own state, so a place that cannot be read is a row saying so: never
 * silently missing, never an all-clear. JSON-safe; no secret.
 */
import { z } from 'zod';
import { errorDataSchema } from '../errors';
import { ListHealthKind, SourceRow } from './sources';

const IsoDate = z.iso.datetime({ offset: true });

/** What is known of one place's list. */
export const PlaceState = z.enum([
  /** Not answered yet. */
  'loading',
  /** The last answer is the current one. */
  'fresh',
  /** The list is taking longer than it should; the last rows (if any) stay. */
  'slow',
  /** The last refresh failed for a reason other than below; the last rows (if any) stay. */
  'failed',
  /** Nobody is signed in to this deployment profile. */
  'signed_out',
  /** The session ended (a 401); the last rows (if any) stay until a new sign-in. */
  'expired',
  /** The deployment does not answer (offline, refused, timed out). */
  'unreachable',
  /** The deployment asked to wait (429): retried after its Retry-After. */
  'rate_limited',
  /** The person may not view this organisation's sources. */
  'no_permission',
]);
export type PlaceState = z.infer<typeof PlaceState>;

/** The list health of a place: the sources list's kinds plus `slow` (asked for, late). */
export const PlaceHealth = z.union([ListHealthKind, z.literal('slow')]);
export type PlaceHealth = z.infer<typeof PlaceHealth>;

/** One place: a deployment profile and one of its organisations (null: the profile as a whole). */
export const Place = z.object({
  /** `profileId|organizationId` (organisation empty for a profile-level place). */
  key: z.string().max(600),
  profileId: z.string(),
  profileName: z.string(),
  baseUrl: z.string(),
  organizationId: z.string().nullable(),
  organizationName: z.string().nullable(),
  state: PlaceState,
  health: PlaceHealth,
  healthError: errorDataSchema.nullable(),
  /** Who reads it, and whether read-only (device session). */
  user: z.string().nullable(),
  readOnly: z.boolean(),
  /** Sources listed at the last answer. */
  sourceCount: z.number().int().nonnegative(),
  /** When this console received the last good list (this machine's clock); null before it. */
  updatedAt: IsoDate.nullable(),
  /** The deployment's clock at `updatedAt` (its Date header); ages are measured from it. */
  serverNow: IsoDate.nullable(),
  lastError: errorDataSchema.nullable(),
  /** When the place is asked again after a failure or a 429 (this machine's clock); null when not backing off. */
  retryAt: IsoDate.nullable(),
});
export type Place = z.infer<typeof Place>;

/** A source of some place, without its parser config (never needed across places) but its cadence. */
export const EverywhereRow = SourceRow.omit({ parserConfig: true }).extend({
  placeKey: z.string().max(600),
  /** `parserConfig.pollEverySec` where the source states one (see `cadenceOf`). */
  cadenceSec: z.number().nullable(),
});
export type EverywhereRow = z.infer<typeof EverywhereRow>;

/** The key of a place. */
export const placeKeyOf = (profileId: string, organizationId: string | null) => `${profileId}|${organizationId ?? ''}`;

/** The key of a row: its place and its source id. */
export const rowKeyOf = (row: Pick<EverywhereRow, 'placeKey' | 'id'>) => `${row.placeKey}|${row.id}`;

/** Everything at once (the view's first load). */
export const EverywhereSnapshot = z.object({ places: z.array(Place), rows: z.array(EverywhereRow) });
export type EverywhereSnapshot = z.infer<typeof EverywhereSnapshot>;

/** What changed: places whose state changed, rows added or changed, row keys removed, places gone. */
export const EverywhereDelta = z.object({
  places: z.array(Place),
  removedPlaces: z.array(z.string()),
  upserts: z.array(EverywhereRow),
  removed: z.array(z.string()),
});
export type EverywhereDelta = z.infer<typeof EverywhereDelta>;

/** Places whose state means the rows shown (if any) are not a current, complete answer: all but `fresh`. */
export const UNSURE_PLACE_STATES: ReadonlySet<PlaceState> = new Set(PlaceState.options.filter((s) => s !== 'fresh'));

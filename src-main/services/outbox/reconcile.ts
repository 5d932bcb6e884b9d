/**
 * Lost-create reconciliation: before retrying a create whose answer may have been lost,
 * list the organisation's sources and adopt the one that create made, so one staging never
 * becomes two sources.
 */
import type { Source } from '../../../src-shared/domain/langwatch';
import type { OutboxEntry } from './entry';

/** The parserConfig key that carries an entry's marker (no `_`: those are server-internal and hidden). */
export const MARKER_KEY = 'consoleStagingId';

/** True when a source carries this entry's marker (the only proof that a create of ours made it). */
export function carriesMarker(source: Pick<Source, 'parserConfig'>, marker: string): boolean {
  return marker !== '' && source.parserConfig?.[MARKER_KEY] === marker;
}

/** The source type of the compliance key's entries (and of every record older than types). */
export const COMPLIANCE_SOURCE_TYPE = 'claude_compliance';

/** Why a source carrying the marker is still not adopted. */
export type RefusalReason = 'marker_ambiguous' | 'marker_wrong_type' | 'marker_other_creator' | 'signed_in_unknown';

/** What the list says about a possibly-created entry. */
export type ReconcileResult =
  | { kind: 'adopt'; source: Source }
  /** A source holds the name but cannot be proven ours: the admin decides (rename or discard). */
  | { kind: 'unproven'; source: Source }
  /** The marker is there but does not prove the source ours (copied, or the creator unknown): stop. */
  | { kind: 'refused'; reason: RefusalReason; sources: Source[] }
  | { kind: 'none' };

/**
 * Matches the entry against the listed sources. The marker alone proves nothing: every member
 * who can list sources can read it and copy it into a source of their own. A source is adopted
 * only when it is the one source carrying the entry's marker, LangWatch says the signed-in
 * person created it (`createdById`, who is also the entry's owner) and it has the entry's own
 * type (a marked source of another type was not made by this entry's create). A marker that fails any of these stops the entry: the key goes nowhere.
 * Not knowing who is signed in is its own state, and adopts nothing.
 * The server's clock is never compared with ours.
 * A source under a name this entry uses that lacks the marker is someone else's (the name is
 * unique in an organisation, so our create cannot have landed under it): stop and ask. A record
 * that once sent a create without any marker can prove nothing under any name it sent.
 */
export function matchLostCreate(
  entry: Pick<OutboxEntry, 'name' | 'sentNames' | 'marker' | 'unmarkedSends' | 'owner' | 'sourceType'>,
  sources: readonly Source[],
  signedInUserId: string | null,
): ReconcileResult {
  const marked = sources.filter((s) => s.archivedAt === null && carriesMarker(s, entry.marker));
  if (marked.length > 1) return { kind: 'refused', reason: 'marker_ambiguous', sources: marked };
  const [ours] = marked;
  if (ours) {
    if (signedInUserId === null || entry.owner?.userId !== signedInUserId)
      return { kind: 'refused', reason: 'signed_in_unknown', sources: marked };
    if (ours.createdById !== signedInUserId)
      return { kind: 'refused', reason: 'marker_other_creator', sources: marked };
    if (ours.sourceType !== entry.sourceType) return { kind: 'refused', reason: 'marker_wrong_type', sources: marked };
    return { kind: 'adopt', source: ours };
  }
  const names = new Set((entry.unmarkedSends ? [entry.name, ...entry.sentNames] : [entry.name]).map((n) => n.trim()));
  const taken = sources.find((s) => names.has(s.name.trim()));
  if (taken) return { kind: 'unproven', source: taken };
  return { kind: 'none' };
}

/** The sources of an organisation, from a list started at or after `notBefore` (by `now`). */
export type SharedLister = (profileId: string, organizationId: string, notBefore: number) => Promise<Source[]>;

/**
 * Shares `list` requests among entries of the same organisation: an entry may use a list
 * (in flight or done) only if it was started after the entry's possibly-lost create
 * (`notBefore`); an older list could miss the source that create made. After a restart one
 * list serves every resumed entry of the organisation.
 */
export function createSharedLister(
  list: (profileId: string, organizationId: string) => Promise<Source[]>,
  now: () => number,
): SharedLister {
  const latest = new Map<string, { startedAt: number; promise: Promise<Source[]> }>();
  return async function listFor(profileId: string, organizationId: string, notBefore: number): Promise<Source[]> {
    const key = `${profileId}\u0000${organizationId}`;
    const current = latest.get(key);
    if (current && current.startedAt >= notBefore) return current.promise;
    const startedAt = now();
    const promise = list(profileId, organizationId);
    latest.set(key, { startedAt, promise });
    // A failed list must not be reused.
    promise.catch(() => {
      if (latest.get(key)?.promise === promise) latest.delete(key);
    });
    return promise;
  };
}

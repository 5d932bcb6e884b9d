/**
 * Lost-create reconciliation: before retrying a create whose answer may have been lost,
 * list the organisation's sources and adopt the one that create made, so one staging never
 * becomes two sources.
 */
import type { Source } from '../../../src-shared/domain/langwatch';
import type { OutboxEntry } from './entry';

/** Clock skew allowed between this computer and the server when comparing createdAt. */
export const RECONCILE_SKEW_MS = 2 * 60_000;

/** What the list says about a possibly-created entry. */
export type ReconcileResult =
  | { kind: 'adopt'; source: Source }
  | { kind: 'duplicate'; source: Source }
  | { kind: 'none' };

/**
 * Matches the entry against the listed sources: a source with one of the names this entry
 * was sent with, created at/after the staging (minus skew), is ours → adopt. A same-name
 * source older than the staging is someone else's → duplicate name (a rejection, not a retry).
 */
export function matchLostCreate(entry: Pick<OutboxEntry, 'name' | 'sentNames' | 'stagedAt'>, sources: readonly Source[]): ReconcileResult {
  const names = new Set([entry.name, ...entry.sentNames].map((n) => n.trim()));
  const stagedAt = Date.parse(entry.stagedAt);
  const sameName = sources.filter((s) => names.has(s.name.trim()) && s.archivedAt === null);
  const ours = sameName
    .filter((s) => Date.parse(s.createdAt) >= stagedAt - RECONCILE_SKEW_MS)
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))[0];
  if (ours) return { kind: 'adopt', source: ours };
  const older = sameName.find((s) => s.name.trim() === entry.name.trim());
  if (older) return { kind: 'duplicate', source: older };
  return { kind: 'none' };
}

/**
 * Shares `list` requests among entries of the same organisation: an entry may use a list
 * (in flight or done) only if it was started after the entry's possibly-lost create
 * (`notBefore`); an older list could miss the source that create made. After a restart one
 * list serves every resumed entry of the organisation.
 */
export function createSharedLister(list: (profileId: string, organizationId: string) => Promise<Source[]>, now: () => number) {
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

/**
 * Records written by an older console: each gets a marker for the creates it sends from now
 * on. One that may already have sent a create (without a marker) can prove nothing about it,
 * so its reconcile stops at any source holding a name it sent (the admin decides). Records
 * without an owner stay unowned: never sent (nobody can be proven to have staged them), an
 * organisation admin may discard them, and their key is wiped at its time to live anyway.
 */
import type { OutboxEntry } from './entry';

/** The record with its marker filled in (the same object when nothing changes). */
export function migrateEntry(entry: OutboxEntry, newMarker: () => string): OutboxEntry {
  if (entry.marker !== '') return entry;
  return { ...entry, marker: newMarker(), unmarkedSends: entry.sentNames.length > 0 || entry.maybeCreated };
}

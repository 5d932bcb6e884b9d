/**
 * The documented watermark algorithm over the Compliance API: a first run backfills 24 h walking
 * older (after_id) and keeps the newest id; later runs walk newer (before_id) from the watermark
 * and now and then re-read an overlap window for late-indexed rows.
 */
import type { Activity, SourceRecord } from '../types';
import { MAX_PAGES, type Page } from './fetch-page';

const BACKFILL_MS = 24 * 3_600_000;
const OVERLAP_EVERY_MS = 10 * 60_000;
const PAGE = 500;

/** Fetches one Compliance API page with query params (the run's key and stop signal already bound). */
export type FetchActivities = (params: Record<string, string>) => Promise<Page>;

/** Walks older from the first page matching `filter` (after_id); returns the rows and the first page's first_id. */
async function walkOlder(
  fetch: FetchActivities,
  filter: Record<string, string>,
): Promise<{ rows: Activity[]; firstId: string | null }> {
  const rows: Activity[] = [];
  let firstId: string | null = null;
  let after: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await fetch({ limit: String(PAGE), ...filter, ...(after ? { after_id: after } : {}) });
    if (i === 0) firstId = page.first_id;
    rows.push(...page.data);
    if (!page.has_more || !page.last_id) break;
    after = page.last_id;
  }
  return { rows, firstId };
}

/** Walks newer from `cursor` (before_id), moving the cursor to each page's first_id. */
async function walkNewer(fetch: FetchActivities, cursor: string): Promise<{ rows: Activity[]; cursor: string }> {
  const rows: Activity[] = [];
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await fetch({ limit: String(PAGE), before_id: cursor });
    rows.push(...page.data);
    if (page.first_id) cursor = page.first_id;
    if (!page.has_more || !page.first_id) break;
  }
  return { rows, cursor };
}

/**
 * One run for a source: the rows read (duplicates possible; the store dedups by id) and the
 * watermark to keep once the whole run succeeded. Stamps `lastOverlapAt` when it re-read the
 * overlap window. Throws what the fetch throws.
 */
export async function pullWatermark(
  fetch: FetchActivities,
  src: SourceRecord,
  now: number,
): Promise<{ rows: Activity[]; cursor: string | null }> {
  if (src.pollerCursor === null) {
    const first = await walkOlder(fetch, { 'created_at.gte': new Date(now - BACKFILL_MS).toISOString() });
    return { rows: first.rows, cursor: first.firstId };
  }
  const newer = await walkNewer(fetch, src.pollerCursor);
  if (src.lastOverlapAt !== null && now - src.lastOverlapAt < OVERLAP_EVERY_MS) return newer;
  const overlap = await walkOlder(fetch, {
    'created_at.gte': new Date(now - 15 * 60_000).toISOString(),
    'created_at.lt': new Date(now - 60_000).toISOString(),
  });
  src.lastOverlapAt = now;
  return { rows: [...newer.rows, ...overlap.rows], cursor: newer.cursor };
}

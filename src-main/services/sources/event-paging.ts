/**
 * Event paging that loses nothing at a page boundary. LangWatch's `beforeIso` / `before_iso`
 * is strictly-less-than on the event timestamp, so paging on with the last row's timestamp
 * skips every other row of that same millisecond. Instead the next page asks for one
 * millisecond later (re-reading the boundary) and drops the rows already shown there, by id.
 */
import type { SourceEvent } from '../../../src-shared/domain/langwatch';

/** The most rows the server returns per page (its `limit` maximum). */
export const SERVER_PAGE_MAX = 200;

/** What the caller asks for: a page size and, after the first page, the cursor it was given. */
export interface EventsPageRequest {
  limit: number;
  /** The boundary timestamp of the previous page (`nextBeforeIso`). */
  beforeIso?: string;
  /** Ids already shown at that boundary (`boundaryIds` of the previous page). */
  skipIds?: readonly string[];
}

/** One page: new rows only; `nextBeforeIso` + `boundaryIds` page on (null on the last page). */
export interface EventsPageAnswer {
  events: SourceEvent[];
  nextBeforeIso: string | null;
  boundaryIds: string[];
}

/** One server read: newest first, strictly before `beforeIso` when given. */
export type FetchEvents = (query: { limit: number; beforeIso?: string }) => Promise<SourceEvent[]>;

/** Reads one page; see the module comment. */
export async function readEventsPage(fetch: FetchEvents, request: EventsPageRequest): Promise<EventsPageAnswer> {
  const skip = new Set(request.beforeIso ? (request.skipIds ?? []) : []);
  // Enough extra rows to cover the ones re-read at the boundary, within the server's maximum.
  const limit = Math.min(SERVER_PAGE_MAX, request.limit + skip.size);
  const beforeIso = request.beforeIso ? oneMsLater(request.beforeIso) : undefined;
  const raw = await fetch({ limit, ...(beforeIso ? { beforeIso } : {}) });
  const fresh = unseen(raw, skip);
  if (raw.length < limit) return { events: fresh, nextBeforeIso: null, boundaryIds: [] };
  if (fresh.length === 0 && request.beforeIso) {
    // More rows share this millisecond than one page holds: the API cannot page inside a
    // millisecond, so step strictly past it rather than offer the same page forever.
    return readEventsPage(fetch, { limit: request.limit, beforeIso: justBefore(request.beforeIso) });
  }
  const boundary = raw[raw.length - 1]!.eventTimestampIso;
  const atBoundary = raw.filter((e) => sameInstant(e.eventTimestampIso, boundary)).map((e) => e.eventId);
  const carried = request.beforeIso && sameInstant(boundary, request.beforeIso) ? [...skip] : [];
  return {
    events: fresh,
    nextBeforeIso: boundary,
    boundaryIds: [...new Set([...carried, ...atBoundary])].slice(-SERVER_PAGE_MAX),
  };
}

/** Rows not shown before, each id once (a server may repeat a row within a page). */
function unseen(rows: readonly SourceEvent[], skip: ReadonlySet<string>): SourceEvent[] {
  const seen = new Set(skip);
  const out: SourceEvent[] = [];
  for (const row of rows) {
    if (seen.has(row.eventId)) continue;
    seen.add(row.eventId);
    out.push(row);
  }
  return out;
}

function shift(iso: string, ms: number): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t + ms).toISOString();
}

const oneMsLater = (iso: string) => shift(iso, 1);
// `beforeIso` itself is "strictly before this millisecond": the re-read is what shifts it.
const justBefore = (iso: string) => shift(iso, -1);

function sameInstant(a: string, b: string): boolean {
  return a === b || Date.parse(a) === Date.parse(b);
}

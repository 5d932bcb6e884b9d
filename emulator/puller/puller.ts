/** The puller: pulls each eligible claude_compliance source on its cron, over real HTTP, with the watermark algorithm. */
import { request } from 'undici';
import type { Runtime } from '../runtime';
import { openCredentials } from '../seal';
import type { Activity, SourceRecord } from '../types';
import { cronMatches, parseCron } from './cron';
import { mapActivity, type Usage } from './mapping';

const BACKFILL_MS = 24 * 3_600_000;
const OVERLAP_EVERY_MS = 10 * 60_000;
const PAGE = 500;
const MAX_PAGES = 200;

export interface PullResult {
  sourceId: string;
  outcome: 'ok' | 'auth_error' | 'error' | 'no_credentials' | 'skipped';
  newEvents: number;
  httpStatus?: number;
}

/** The audit-log page LangWatch's puller expects (its locked JSONPath mapping). */
interface AuditLogEvent {
  id?: string;
  created_at?: string;
  event_type?: string;
  model?: string;
  actor?: { email?: string };
  usage?: { cost_usd?: unknown; input_tokens?: unknown; output_tokens?: unknown };
}
interface AuditLogPage {
  data?: AuditLogEvent[];
  next_cursor?: string | null;
}

/** Reads one audit-log event through LangWatch's mapping ($.id, $.created_at, $.actor.email, $.event_type, $.model, $.usage.*). */
function fromAuditLog(e: AuditLogEvent): { activity: Activity; usage: Usage } {
  const activity = {
    id: String(e.id ?? ''),
    created_at: String(e.created_at ?? ''),
    organization_id: null,
    organization_uuid: null,
    actor: { type: 'user_actor', email_address: e.actor?.email ?? '' },
    type: String(e.event_type ?? ''),
    claude_chat_id: e.model ?? '',
  } as Activity;
  const cost = String(e.usage?.cost_usd ?? '0');
  return {
    activity,
    usage: {
      costUsd: Number.isFinite(Number(cost)) ? cost : '0',
      tokensInput: Number(e.usage?.input_tokens) || 0,
      tokensOutput: Number(e.usage?.output_tokens) || 0,
    },
  };
}

interface Page {
  data: Activity[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}
class PullError extends Error {
  constructor(
    public status: number,
    public permanent: boolean,
  ) {
    super(`pull failed: HTTP ${status}`);
  }
}

/** A sleep that ends early when the puller stops (so close() never waits out a retry-after). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const t = setTimeout(done, ms);
    t.unref();
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Whether the puller should pull this source at all. */
export function eligible(s: SourceRecord): boolean {
  return (
    s.sourceType === 'claude_compliance' &&
    s.archivedAt === null &&
    !!s.pullSchedule &&
    (s.status === 'awaiting_first_event' || s.status === 'active')
  );
}

export class Puller {
  private running = new Map<string, Promise<PullResult>>();
  private timer: NodeJS.Timeout | null = null;
  private lastMinute = -1;
  private readonly abort = new AbortController();

  constructor(
    private rt: Runtime,
    private options: { tickMs?: number; maxRetryAfterSec?: number } = {},
  ) {}

  /** Starts the cron scheduler (one unref'd interval). */
  start(): void {
    this.lastMinute = Math.floor(this.rt.now() / 60_000);
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 1_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.running.values()]);
  }

  private tick(): void {
    const minute = Math.floor(this.rt.now() / 60_000);
    if (minute === this.lastMinute) return;
    this.lastMinute = minute;
    for (const s of this.rt.store.sources.values()) {
      if (!eligible(s)) continue;
      const cron = parseCron(s.pullSchedule!, this.rt.now());
      if (cron && cronMatches(cron, minute * 60_000)) void this.pull(s.id);
    }
  }

  /** Pulls one source (or every eligible one) now and waits for the runs. */
  async pullNow(sourceId?: string): Promise<PullResult[]> {
    const ids = sourceId ? [sourceId] : [...this.rt.store.sources.values()].filter(eligible).map((s) => s.id);
    return Promise.all(ids.map((id) => this.pull(id)));
  }

  /** One run per source at a time: a second request waits for the first, then runs. */
  pull(sourceId: string): Promise<PullResult> {
    const prev = this.running.get(sourceId) ?? Promise.resolve(null);
    const next = prev
      .then(() => this.run(sourceId))
      .finally(() => {
        if (this.running.get(sourceId) === next) this.running.delete(sourceId);
      });
    this.running.set(sourceId, next);
    return next;
  }

  private async fetchPage(
    key: string,
    params: Record<string, string>,
    path = '/v1/compliance/activities',
  ): Promise<Page> {
    const url = new URL(path, this.rt.urls.anthropic);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    let backoff = 250;
    for (let attempt = 0; ; attempt++) {
      let status = 0;
      try {
        const res = await request(url, {
          method: 'GET',
          headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', accept: 'application/json' },
          maxRedirections: 0,
          headersTimeout: 10_000,
          bodyTimeout: 10_000,
          signal: this.abort.signal,
        } as Parameters<typeof request>[1]);
        status = res.statusCode;
        if (status === 200) return (await res.body.json()) as Page;
        await res.body.dump();
        if (status === 401 || status === 403 || status === 404) throw new PullError(status, true);
        if (status === 429 && attempt < 3) {
          const retry = Number(res.headers['retry-after'] ?? '1');
          await sleep(
            Math.min(Number.isFinite(retry) ? retry : 1, this.options.maxRetryAfterSec ?? 60) * 1000,
            this.abort.signal,
          );
          continue;
        }
      } catch (e) {
        if (e instanceof PullError) throw e;
        status = status || 0; // network error: retried like a 5xx
      }
      if (attempt >= 3 || this.abort.signal.aborted) throw new PullError(status, false);
      await sleep(backoff, this.abort.signal);
      backoff *= 2;
    }
  }

  private async run(sourceId: string): Promise<PullResult> {
    const rt = this.rt;
    const src = rt.store.sources.get(sourceId);
    if (!src || !eligible(src)) return { sourceId, outcome: 'skipped', newEvents: 0 };
    const token = openCredentials(rt.sealKey, src.parserConfig.credentials).token;
    const key = typeof token === 'string' && token ? token : null;
    if (!key) {
      src.errorCount++;
      rt.store.touch();
      return { sourceId, outcome: 'no_credentials', newEvents: 0 };
    }
    if (rt.modes.puller === 'langwatch') return this.runAuditLog(src, key);
    const collected: Activity[] = [];
    let cursor = src.pollerCursor;
    try {
      const now = rt.now();
      if (cursor === null) {
        // First run: backfill the last 24 h, walking older with after_id; the newest id becomes the watermark.
        let after: string | null = null;
        for (let i = 0; i < MAX_PAGES; i++) {
          const page = await this.fetchPage(key, {
            limit: String(PAGE),
            'created_at.gte': new Date(now - BACKFILL_MS).toISOString(),
            ...(after ? { after_id: after } : {}),
          });
          if (i === 0) cursor = page.first_id;
          collected.push(...page.data);
          if (!page.has_more || !page.last_id) break;
          after = page.last_id;
        }
      } else {
        // Each tick: walk newer with before_id, moving the cursor to each page's first_id.
        for (let i = 0; i < MAX_PAGES; i++) {
          const page = await this.fetchPage(key, { limit: String(PAGE), before_id: cursor! });
          collected.push(...page.data);
          if (page.first_id) cursor = page.first_id;
          if (!page.has_more || !page.first_id) break;
        }
        // Now and then re-read an overlap window for late-indexed rows (dedup by id below).
        if (src.lastOverlapAt === null || now - src.lastOverlapAt >= OVERLAP_EVERY_MS) {
          let after: string | null = null;
          for (let i = 0; i < MAX_PAGES; i++) {
            const page = await this.fetchPage(key, {
              limit: String(PAGE),
              'created_at.gte': new Date(now - 15 * 60_000).toISOString(),
              'created_at.lt': new Date(now - 60_000).toISOString(),
              ...(after ? { after_id: after } : {}),
            });
            collected.push(...page.data);
            if (!page.has_more || !page.last_id) break;
            after = page.last_id;
          }
          src.lastOverlapAt = now;
        }
      }
    } catch (e) {
      src.errorCount++;
      rt.store.touch();
      const status = e instanceof PullError ? e.status : 0;
      return {
        sourceId,
        outcome: e instanceof PullError && e.permanent ? 'auth_error' : 'error',
        newEvents: 0,
        httpStatus: status,
      };
    }
    // Persist the watermark only after the whole run (has_more false) succeeded.
    src.pollerCursor = cursor;
    return this.record(
      src,
      collected.map((a) => ({ activity: a })),
    );
  }

  /** Stores a successful run: like `recordEventReceived`, new events make the source active and stamp lastEventAt with the run time. */
  private record(src: SourceRecord, pulled: { activity: Activity; usage?: Usage }[]): PullResult {
    const rt = this.rt;
    const ranAt = rt.now();
    const added = rt.store.addEvents(
      src.id,
      pulled.map((p) => mapActivity(p.activity, ranAt, src, p.usage)),
    );
    if (added > 0) {
      if (src.status === 'awaiting_first_event') src.status = 'active';
      src.lastEventAt = ranAt;
      src.updatedAt = ranAt;
    }
    src.lastSuccessAt = ranAt;
    rt.store.touch(src.organizationId);
    return { sourceId: src.id, outcome: 'ok', newEvents: added, httpStatus: 200 };
  }

  /**
   * LangWatch's claude_compliance reference puller: GET /v1/organizations/audit_log with the
   * key, `cursor` ← `$.next_cursor`, events at `$.data`. Anthropic serves no such path (404
   * not_found_error), so every run fails and only the error count moves.
   */
  private async runAuditLog(src: SourceRecord, key: string): Promise<PullResult> {
    const pulled: { activity: Activity; usage?: Usage }[] = [];
    let cursor = src.pollerCursor;
    try {
      for (let i = 0; i < MAX_PAGES; i++) {
        const page = (await this.fetchPage(
          key,
          cursor ? { cursor } : {},
          '/v1/organizations/audit_log',
        )) as unknown as AuditLogPage;
        for (const e of page.data ?? []) pulled.push(fromAuditLog(e));
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
    } catch (e) {
      src.errorCount++;
      this.rt.store.touch();
      return {
        sourceId: src.id,
        outcome: e instanceof PullError && e.permanent ? 'auth_error' : 'error',
        newEvents: 0,
        httpStatus: e instanceof PullError ? e.status : 0,
      };
    }
    src.pollerCursor = cursor;
    return this.record(src, pulled);
  }
}

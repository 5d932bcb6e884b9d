/**
 * The puller: pulls each eligible claude_compliance source on its cron, over real HTTP, with the
 * watermark algorithm (watermark.ts) or, in `langwatch` mode, LangWatch's audit-log puller
 * (audit-log.ts), and records what a run brought in.
 */
import type { Runtime } from '../runtime';
import { openCredentials } from '../seal';
import type { Activity, SourceRecord } from '../types';
import { pullAuditLog } from './audit-log';
import { cronMatches, parseCron } from './cron';
import { fetchPage, PullError, type FetchTarget } from './fetch-page';
import { mapActivity, type Usage } from './mapping';
import { pullWatermark } from './watermark';

/** What one run for one source came to. */
export interface PullResult {
  sourceId: string;
  outcome: 'ok' | 'auth_error' | 'error' | 'no_credentials' | 'skipped';
  newEvents: number;
  httpStatus?: number;
}

/**
 * Whether the puller should pull this source at all. LangWatch's worker dispatches on the stored
 * `adapter` (`pullerWorker.ts`), not the source type; only the compliance adapter is imitated.
 */
export function eligible(s: SourceRecord): boolean {
  return s.parserConfig.adapter === 'claude_compliance' && scheduledAndLive(s);
}

function scheduledAndLive(s: SourceRecord): boolean {
  return s.archivedAt === null && !!s.pullSchedule && (s.status === 'awaiting_first_event' || s.status === 'active');
}

/** A scheduled source with no adapter: LangWatch's worker fails every run ("no pullConfig.adapter"). */
function adapterless(s: SourceRecord): boolean {
  return typeof s.parserConfig.adapter !== 'string' && scheduledAndLive(s);
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
      if (!eligible(s) && !adapterless(s)) continue;
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

  /** What a run fetches with: the Anthropic URL, the source's key and the puller's stop signal. */
  private target(key: string): FetchTarget {
    return {
      base: this.rt.urls.anthropic,
      key,
      signal: this.abort.signal,
      maxRetryAfterSec: this.options.maxRetryAfterSec,
    };
  }

  /** A failed run: the error count moves, nothing else. */
  private failed(src: SourceRecord, e: unknown): PullResult {
    src.errorCount++;
    this.rt.store.touch();
    return {
      sourceId: src.id,
      outcome: e instanceof PullError && e.permanent ? 'auth_error' : 'error',
      newEvents: 0,
      httpStatus: e instanceof PullError ? e.status : 0,
    };
  }

  private async run(sourceId: string): Promise<PullResult> {
    const rt = this.rt;
    const src = rt.store.sources.get(sourceId);
    if (src && adapterless(src)) return this.failed(src, new Error('IngestionSource has no pullConfig.adapter'));
    if (!src || !eligible(src)) return { sourceId, outcome: 'skipped', newEvents: 0 };
    const token = openCredentials(rt.sealKey, src.parserConfig.credentials).token;
    const key = typeof token === 'string' && token ? token : null;
    if (!key) {
      src.errorCount++;
      rt.store.touch();
      return { sourceId, outcome: 'no_credentials', newEvents: 0 };
    }
    const target = this.target(key);
    return rt.modes.puller === 'langwatch' ? this.runAuditLog(src, target) : this.runWatermark(src, target);
  }

  /** The documented run: the watermark walks; the watermark is kept only after the whole run succeeded. */
  private async runWatermark(src: SourceRecord, target: FetchTarget): Promise<PullResult> {
    let walked: Awaited<ReturnType<typeof pullWatermark>>;
    try {
      walked = await pullWatermark((params) => fetchPage(target, params), src, this.rt.now());
    } catch (e) {
      return this.failed(src, e);
    }
    src.pollerCursor = walked.cursor;
    return this.record(
      src,
      walked.rows.map((a) => ({ activity: a })),
    );
  }

  /** LangWatch's run (`langwatch` mode): the audit-log walk, which Anthropic answers 404, so only the error count moves. */
  private async runAuditLog(src: SourceRecord, target: FetchTarget): Promise<PullResult> {
    let walked: Awaited<ReturnType<typeof pullAuditLog>>;
    try {
      walked = await pullAuditLog((params, path) => fetchPage(target, params, path), src.pollerCursor);
    } catch (e) {
      return this.failed(src, e);
    }
    src.pollerCursor = walked.cursor;
    return this.record(src, walked.pulled);
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
}

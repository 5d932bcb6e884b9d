/** The shared runtime every handler receives: state, clock, sealing key, URLs, limits. */
import type { Store } from './store';
import type { ActivityLog } from './anthropic/activities';

/** Fixed-window counters keyed by string (sign-in per IP, auth paths, Anthropic per parent org). */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();
  /** Counts one hit; returns null when allowed, else the seconds until the window resets. */
  hit(
    key: string,
    limit: number,
    windowMs: number,
    now: number,
  ): { allowed: boolean; remaining: number; resetAt: number } {
    let w = this.windows.get(key);
    if (!w || now - w.start >= windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    const resetAt = w.start + windowMs;
    if (w.count >= limit) return { allowed: false, remaining: 0, resetAt };
    w.count++;
    return { allowed: true, remaining: limit - w.count, resetAt };
  }
  reset(): void {
    this.windows.clear();
  }
}

export interface Settings {
  /** Sign-ins per window per IP (BetterAuth: 30 per 15 min). */
  signInLimit: number;
  signInWindowMs: number;
  /** BetterAuth's general limit on /api/auth/* per IP and path (100/min). */
  authPathLimit: number;
  /** Anthropic requests per minute per parent org (600). */
  anthropicLimit: number;
}

/**
 * Which puller a deployment runs: `documented` pulls Anthropic's Compliance API
 * (`/v1/compliance/activities`); `langwatch` does what LangWatch's claude_compliance puller
 * does at the referenced version (`/v1/organizations/audit_log`, `next_cursor` paging), which
 * Anthropic does not serve, so its sources never receive an event.
 */
export const PULLER_MODES = ['documented', 'langwatch'] as const;
export type PullerMode = (typeof PULLER_MODES)[number];

/** Deployment behaviours the control API can switch at run time. */
export interface Modes {
  puller: PullerMode;
  /** activityMonitor.* and the CLI health/events answer `clickhouse_unavailable` (no analytics store). */
  activityMonitorUnavailable: boolean;
  /**
   * While unavailable, how long each of those calls hangs before it fails (0: at once). LangWatch's
   * ClickHouse client retries an absent store for seconds (about 4 s measured) before giving up.
   */
  activityMonitorFailAfterMs: number;
  /** The deployment's configured public URL (NEXTAUTH_URL / BASE_HOST); null = the emulator's own URL. */
  publicOrigin: string | null;
}

export interface Runtime {
  modes: Modes;
  /** The configured public base URL (no trailing slash): approval links, upgrade URLs, `endpoint`. */
  publicUrl(): string;
  store: Store;
  now: () => number;
  sealKey: Buffer;
  /** Secret for signing session cookies. */
  cookieSecret: Buffer;
  urls: { langwatch: string; anthropic: string; vendors: string };
  settings: Settings;
  limiter: RateLimiter;
  activities: ActivityLog;
  /** Appends an activity to the Anthropic feed (next seq, deterministic rng). */
  addActivity(
    ms: number,
    forced?: { type: string; fields: Record<string, unknown>; actor: { type: string } & Record<string, unknown> },
  ): void;
}

/**
 * The fault registry: what faults exist (latency, 5xx, 429, resets before/after the handler,
 * malformed JSON, slow bodies, HTML errors, echoed secrets), which route each matches and which
 * fire for a request. with-faults.ts applies them to a server.
 */

/** Which emulated server: LangWatch, Anthropic, or the other vendors a pull source reads (Databricks, an audit-log API). */
export type Side = 'langwatch' | 'anthropic' | 'vendors';

interface FaultBase {
  /** `*`; a tRPC procedure (`ingestionSources.create`, or a prefix ending in `*`, e.g. `ingestionSources.*`),
   *  matched inside batched paths; or a path prefix starting with `/` (REST and Anthropic routes). */
  route: string;
  /** Only on this server (default: both). */
  side?: Side;
  /** Only for this HTTP method (default: any). */
  method?: string;
  /** Chance of firing per matching request, 0..1 (default 1). */
  probability?: number;
  /** Fire at most this many times, then the fault is removed (default: unlimited). */
  times?: number;
}
/** A fault to inject. */
export type FaultSpec = FaultBase &
  (
    | { kind: 'latency'; ms: number }
    | { kind: 'error5xx'; status?: number }
    | { kind: 'rateLimit'; retryAfterSec?: number }
    | { kind: 'resetBefore' }
    | { kind: 'resetAfter' }
    | { kind: 'malformedJson' }
    | { kind: 'slowBody'; chunkBytes?: number; chunkDelayMs?: number }
    | { kind: 'htmlError'; status?: number }
    | {
        kind: 'echoSecrets';
        status?: number;
        /** Echoed instead of what was received (a stored or transformed secret). */ echo?: string;
      }
  );
export type FaultKind = FaultSpec['kind'];
export interface ActiveFault {
  id: string;
  spec: FaultSpec;
  fired: number;
}

/** Procedure names of a tRPC path (`/api/trpc/a.b,c.d`), or null for other paths. */
export function trpcProcedures(pathname: string): string[] | null {
  if (!pathname.startsWith('/api/trpc/')) return null;
  let rest = pathname.slice('/api/trpc/'.length);
  try {
    rest = decodeURIComponent(rest);
  } catch {
    /* keep raw */
  }
  return rest.split(',').filter(Boolean);
}

/** Whether a fault's route pattern (`*`, a tRPC procedure or prefix, or a path prefix) matches a path. */
export function routeMatches(pattern: string, pathname: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('/')) return pathname.startsWith(pattern);
  const procs = trpcProcedures(pathname);
  if (!procs) return false;
  if (pattern.endsWith('*')) {
    const prefix = pattern.slice(0, -1);
    return procs.some((p) => p.startsWith(prefix));
  }
  return procs.includes(pattern);
}

/** The registry of active faults. */
export class Faults {
  private list: ActiveFault[] = [];
  private nextId = 1;
  constructor(private random: () => number = Math.random) {}

  /** Adds a fault; returns its id. */
  add(spec: FaultSpec): string {
    const id = `fault_${this.nextId++}`;
    this.list.push({ id, spec, fired: 0 });
    return id;
  }
  remove(id: string): boolean {
    const n = this.list.length;
    this.list = this.list.filter((f) => f.id !== id);
    return this.list.length !== n;
  }
  clear(): void {
    this.list = [];
  }
  active(): ActiveFault[] {
    return this.list.map((f) => ({ ...f, spec: { ...f.spec } }));
  }

  /** Decides which faults fire for a request: total latency and the first terminal fault. */
  select(
    side: Side,
    method: string,
    pathname: string,
  ): { latencyMs: number; terminal: FaultSpec | null; ids: string[] } {
    let latencyMs = 0;
    let terminal: FaultSpec | null = null;
    const ids: string[] = [];
    for (const f of [...this.list]) {
      const s = f.spec;
      if (s.side && s.side !== side) continue;
      if (s.method && s.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!routeMatches(s.route, pathname)) continue;
      if (s.kind !== 'latency' && terminal) continue;
      if (this.random() >= (s.probability ?? 1)) continue;
      f.fired++;
      ids.push(f.id);
      if (s.times !== undefined && f.fired >= s.times) this.remove(f.id);
      if (s.kind === 'latency') latencyMs += s.ms;
      else terminal = s;
    }
    return { latencyMs, terminal, ids };
  }
}

/** A fake Clock for tests: manual (`advance`) or auto-advancing (timers fire on the next tick). */
import type { Clock } from '../../src-main/services/clock';

export interface FakeClock extends Clock {
  /** Every delay asked for, in order. */
  readonly delays: number[];
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): Promise<void>;
  pending(): number;
  /** Jumps to the earliest timer and fires it; false when none is pending. */
  fireNext(): boolean;
}

/**
 * `auto: true` makes each timer fire on the next macrotask with time jumped to its due
 * moment, so loops with long waits (device polling) run instantly but in order.
 */
export function createFakeClock(options: { start?: number; auto?: boolean } = {}): FakeClock {
  let now = options.start ?? Date.UTC(2026, 10, 28, 12, 0, 0);
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const delays: number[] = [];
  return {
    delays,
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      delays.push(ms);
      timers.set(id, { at: now + ms, fn });
      if (options.auto) {
        setImmediate(() => {
          const timer = timers.get(id);
          if (!timer) return;
          timers.delete(id);
          now = Math.max(now, timer.at);
          timer.fn();
        });
      }
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    async advance(ms) {
      const target = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        await new Promise((r) => setImmediate(r));
      }
      now = target;
    },
    pending: () => timers.size,
    fireNext() {
      const due = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) return false;
      timers.delete(due[0]);
      now = Math.max(now, due[1].at);
      due[1].fn();
      return true;
    },
  };
}

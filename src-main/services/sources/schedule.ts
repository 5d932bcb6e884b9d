/**
 * When the sources monitor ticks next. PURE: no timers, no clock, so every case (focused,
 * hidden, offline, resume) is a table test.
 */

/** What the scheduler needs to know about the window and the network. */
export interface ScheduleInput {
  /** The window has focus. */
  focused: boolean;
  /** The window is shown (not hidden or minimised). */
  visible: boolean;
  /** The network service says the deployment answers. */
  online: boolean;
  /** When the last tick started (epoch ms), null before the first. */
  lastTickAt: number | null;
  now: number;
}

/** Tick intervals; tests inject short ones. */
export interface ScheduleIntervals {
  focusedMs: number;
  /** Shown but not focused, hidden, or minimised. */
  backgroundMs: number;
}

export const DEFAULT_INTERVALS: ScheduleIntervals = { focusedMs: 5_000, backgroundMs: 60_000 };

/**
 * The delay until the next tick in ms, or null = paused (offline: the network service's own probe
 * decides when the network is back, and the monitor resumes at once then).
 * A tick that is already overdue (e.g. the window just regained focus after a minute hidden)
 * runs now (0), never later than its interval after the previous one.
 */
export function nextDelay(input: ScheduleInput, intervals: ScheduleIntervals = DEFAULT_INTERVALS): number | null {
  if (!input.online) return null;
  const interval = intervalFor(input, intervals);
  if (input.lastTickAt === null) return 0;
  const elapsed = Math.max(0, input.now - input.lastTickAt);
  return Math.max(0, interval - elapsed);
}

/** The interval that applies in this window state. */
export function intervalFor(
  input: Pick<ScheduleInput, 'focused' | 'visible'>,
  intervals: ScheduleIntervals = DEFAULT_INTERVALS,
): number {
  return input.focused && input.visible ? intervals.focusedMs : intervals.backgroundMs;
}

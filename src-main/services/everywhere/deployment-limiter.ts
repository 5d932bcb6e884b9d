/**
 * A bound on parallel requests per deployment: each deployment has its own queue, so a
 * deployment whose requests are slow fills only its own slots and never holds up another's.
 */

/** Runs tasks at most `max` at a time per deployment key. */
export interface DeploymentLimiter {
  run<T>(deployment: string, task: () => Promise<T>): Promise<T>;
  /** Tasks of a deployment running now (tests and the bench check the bound). */
  running(deployment: string): number;
}

interface Lane {
  running: number;
  waiting: Array<() => void>;
}

/** Creates a limiter of `max` (at least 1) parallel tasks per deployment. */
export function createDeploymentLimiter(max: number): DeploymentLimiter {
  const bound = Math.max(1, Math.floor(max));
  const lanes = new Map<string, Lane>();
  const laneOf = (key: string): Lane => {
    let lane = lanes.get(key);
    if (!lane) {
      lane = { running: 0, waiting: [] };
      lanes.set(key, lane);
    }
    return lane;
  };
  const release = (key: string, lane: Lane): void => {
    lane.running -= 1;
    const next = lane.waiting.shift();
    if (next) next();
    else if (lane.running === 0) lanes.delete(key);
  };
  return {
    async run(deployment, task) {
      const lane = laneOf(deployment);
      if (lane.running >= bound) await new Promise<void>((resolve) => lane.waiting.push(resolve));
      lane.running += 1;
      try {
        return await task();
      } finally {
        release(deployment, lane);
      }
    },
    running: (deployment) => lanes.get(deployment)?.running ?? 0,
  };
}

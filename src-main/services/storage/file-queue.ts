import { resolve } from 'node:path';

// One chain per absolute path, shared by every JsonFile of that path in this process, so two
// instances pointing at the same file still take turns.
const chains = new Map<string, Promise<unknown>>();

/**
 * Runs `task` after every task queued earlier for `path` has settled (success or failure),
 * so read-modify-write sequences on one file never interleave.
 */
export function enqueueForFile<T>(path: string, task: () => Promise<T>): Promise<T> {
  const key = resolve(path);
  const previous = chains.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  chains.set(key, settled);
  // Forget the chain once idle so the map does not grow with every file ever touched.
  void settled.then(() => {
    if (chains.get(key) === settled) chains.delete(key);
  });
  return run;
}

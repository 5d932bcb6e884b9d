import type { EventName, EventPayload } from '../../src-shared/ipc/contract';
import type { IpcResult } from '../../src-shared/ipc/define';
import { call, lw } from './lw';

/**
 * A store's `start()`: follows a push event from main, then loads the current state once;
 * returns the unsubscribe. Subscribing before the load means no change in between is lost.
 */
export async function followEvent<E extends EventName, T>(
  name: E,
  onEvent: (payload: EventPayload<E>) => void,
  load: () => Promise<IpcResult<T>>,
  onLoad: (result: IpcResult<T>) => void,
): Promise<() => void> {
  const off = lw().events.on(name, onEvent);
  onLoad(await call(load));
  return off;
}

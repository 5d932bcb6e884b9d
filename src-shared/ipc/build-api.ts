import { CHANNEL_NAMES, EVENT_NAMES, type EventName, type LwApi } from './contract';

/** Electron IPC channel names: one prefix for invokes, one channel for every push event. */
export const IPC_PREFIX = 'lw:';
export const EVENT_CHANNEL = 'lw:event';

/** The two primitives a transport must provide (Electron's ipcRenderer, or the test harness). */
export interface IpcTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds the renderer API from the contract: one function per channel, nothing generic.
 * A channel not in the contract cannot be called because no function exists for it.
 */
export function buildLwApi(transport: IpcTransport): LwApi {
  const domains: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const name of CHANNEL_NAMES) {
    const dot = name.indexOf('.');
    const domain = name.slice(0, dot);
    const verb = name.slice(dot + 1);
    const table = (domains[domain] ??= {});
    table[verb] = (input: unknown) => transport.invoke(name, input ?? {});
  }
  for (const table of Object.values(domains)) Object.freeze(table);
  const knownEvents = new Set<string>(EVENT_NAMES);
  const events = Object.freeze({
    on(name: EventName, listener: (payload: never) => void) {
      if (!knownEvents.has(name)) throw new Error(`Unknown event: ${String(name)}`);
      return transport.subscribe(name, listener as (payload: unknown) => void);
    },
  });
  return Object.freeze({ ...domains, events }) as unknown as LwApi;
}

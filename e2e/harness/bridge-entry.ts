import { buildLwApi } from '../../src-shared/ipc/build-api';

// The harness's stand-in for src-preload/preload.ts: the same buildLwApi, with Playwright
// bindings as the transport instead of ipcRenderer. Bundled to an IIFE by bridge-script.ts.
declare global {
  interface Window {
    __lwInvoke(channel: string, input: unknown): Promise<unknown>;
    __lwEmit(name: string, payload: unknown): void;
  }
}

const listeners = new Map<string, Set<(payload: unknown) => void>>();

window.__lwEmit = (name, payload) => {
  for (const listener of listeners.get(name) ?? []) listener(payload);
};

Object.defineProperty(window, 'lw', {
  value: buildLwApi({
    invoke: (channel, input) => window.__lwInvoke(channel, input),
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  }),
  writable: false,
  configurable: false,
});

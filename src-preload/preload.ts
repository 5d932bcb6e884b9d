import { contextBridge, ipcRenderer } from 'electron';
import { buildLwApi, EVENT_CHANNEL, IPC_PREFIX } from '../src-shared/ipc/build-api';

// Sandboxed preload: bundled into one CJS file whose only require is 'electron' (a unit test
// runs it in a vm to prove it). It exposes ONE frozen API object generated from the contract;
// no generic invoke, no ipcRenderer, nothing else.

const api = buildLwApi({
  invoke: (channel, input) => ipcRenderer.invoke(IPC_PREFIX + channel, input),
  subscribe: (event, listener) => {
    const wrapped = (_e: unknown, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('lw', api);

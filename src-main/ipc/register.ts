import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNEL, IPC_PREFIX } from '../../src-shared/ipc/build-api';
import { CHANNEL_NAMES } from '../../src-shared/ipc/contract';
import type { EventBus } from '../services/events/event-bus';
import type { Dispatcher } from './dispatcher';
import type { SenderInfo } from './sender-guard';

/** Maps Electron's sender onto the guard's SenderInfo. */
function senderOf(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return {
    frameUrl: frame?.url ?? '',
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
    windowId: event.sender.id,
  };
}

/**
 * Binds every contract channel to the dispatcher and forwards push events to the window.
 * The only place below ipc/ that imports electron.
 */
export function registerIpc(
  dispatcher: Dispatcher,
  events: EventBus,
  getWindow: () => BrowserWindow | null,
): () => void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(IPC_PREFIX + name, (event, input: unknown) => dispatcher.dispatch(name, input, senderOf(event)));
  }
  const removeSink = events.addSink((name, payload) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    removeSink();
    for (const name of CHANNEL_NAMES) ipcMain.removeHandler(IPC_PREFIX + name);
  };
}

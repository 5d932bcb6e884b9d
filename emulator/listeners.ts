/** The emulator's two HTTP listeners: listening, closing, and taking them offline and back (`setOffline`). */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorControl } from './control-api';
import type { Side } from './faults';

/** Listens on `port` (0: a free one); resolves with the port it got. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops listening and drops open connections (a no-op when not listening). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The listeners of both sides, the ports they reopen on, and the timers that bring them back. */
export interface Listeners {
  servers: Record<Side, Server>;
  ports: Record<Side, number>;
  host: string;
  offlineTimers: Set<NodeJS.Timeout>;
}

/** `setOffline` over the listeners: closes them (connections refused) or reopens them on the same ports. */
export function offlineSwitch(l: Listeners): EmulatorControl['setOffline'] {
  const setOffline: EmulatorControl['setOffline'] = async (offline, opts = {}) => {
    // 'both' predates the vendors listener: it means every listener.
    const which: Side[] = !opts.which || opts.which === 'both' ? ['langwatch', 'anthropic', 'vendors'] : [opts.which];
    for (const side of which) {
      if (offline) await closeServer(l.servers[side]);
      else if (!l.servers[side].listening) await listen(l.servers[side], l.ports[side], l.host);
    }
    // Let in-process clients see their pooled connections close before the caller goes on.
    if (offline) await new Promise((r) => setTimeout(r, 20));
    if (opts.forMs !== undefined) {
      const t = setTimeout(() => {
        l.offlineTimers.delete(t);
        void setOffline(!offline, { which: opts.which });
      }, opts.forMs);
      t.unref();
      l.offlineTimers.add(t);
    }
  };
  return setOffline;
}

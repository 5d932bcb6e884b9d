import { create } from 'zustand';
import type { ErrorData } from '../../src-shared/errors';
import type { ChannelOutput } from '../../src-shared/ipc/contract';
import { call, lw } from '../api/lw';

export const ROUTES = ['sources', 'compose', 'outbox', 'settings', 'deployments', 'everywhere'] as const;
export type Route = (typeof ROUTES)[number];

type AppInfo = ChannelOutput<'app.info'>;

interface AppState {
  route: Route;
  info: AppInfo | null;
  startupError: ErrorData | null;
  ready: boolean;
  /** True while "Check the keychain again" runs. */
  rechecking: boolean;
  navigate(route: Route): void;
  start(): Promise<void>;
  /** Probes the keychain again (after the person fixed it), then reloads what the console is. */
  recheckKeychain(): Promise<void>;
}

/** App-wide state: where the user is and what the console is. */
export const useAppStore = create<AppState>((set, get) => ({
  route: 'sources',
  info: null,
  startupError: null,
  ready: false,
  rechecking: false,
  navigate: (route) => set({ route }),
  async start() {
    const result = await call(() => lw().app.info({}));
    if (result.ok) set({ info: result.value, ready: true });
    else set({ startupError: result.error, ready: true });
  },
  async recheckKeychain() {
    set({ rechecking: true });
    // A failure is already on screen (the problem stays in app.info); the answer is re-read either way.
    await call(() => lw().app.checkKeychain({}));
    await get().start();
    set({ rechecking: false });
  },
}));

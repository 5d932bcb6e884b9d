import type { LwApi } from './contract';

declare global {
  interface Window {
    /** Exposed by the preload (Electron) or the e2e harness; only src-renderer/api/ touches it. */
    lw?: LwApi;
  }
}

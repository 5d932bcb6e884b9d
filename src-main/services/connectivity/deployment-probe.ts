import type { ConnectionService } from '../connection/types';
import { createLangwatchHttp } from '../langwatch/http';

/**
 * The connectivity probe: one GET of the active deployment's public settings, no session
 * needed. Any HTTP answer proves the network; only a network failure (thrown) does not.
 */
export function createDeploymentProbe(connection: Pick<ConnectionService, 'state'>) {
  return async (signal: AbortSignal): Promise<void> => {
    const state = connection.state();
    const profile = state.profiles.find((p) => p.id === state.activeProfileId);
    if (!profile) return;
    const http = createLangwatchHttp({ baseUrl: profile.baseUrl, timeoutMs: 10_000 });
    await http.request({
      method: 'GET',
      path: `/api/trpc/publicEnv?input=${encodeURIComponent('{"json":{}}')}`,
      signal,
    });
  };
}

import type { AuthService } from '../auth/types';
import { createLangwatchHttp } from '../langwatch/http';

/** Resolves when the active deployment answered anything; throws only on a network failure. */
export type DeploymentProbe = (signal: AbortSignal) => Promise<void>;

/**
 * The network probe: one GET of the active deployment's public settings, no session
 * needed. Any HTTP answer proves the network; only a network failure (thrown) does not.
 */
export function createDeploymentProbe(auth: Pick<AuthService, 'state'>): DeploymentProbe {
  return async (signal: AbortSignal): Promise<void> => {
    const state = auth.state();
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

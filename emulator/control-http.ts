/** The control surface over HTTP: `/__emulator/<method>` on the LangWatch port (for the demo and scripts). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorControl } from './control-api';
import { sendJson } from './http-util';

/** Serves `/__emulator/*`; returns false when the path is not ours. */
export type ControlHttp = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

/** The arguments of a POST: `{"args":[…]}` or a bare array (anything else: none); null when the body is not JSON. */
async function readArgs(req: IncomingMessage): Promise<unknown[] | null> {
  const text = await new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (c: Buffer) => {
      s += c.toString();
    });
    req.on('end', () => resolve(s));
  });
  try {
    const body: unknown = text.trim() ? JSON.parse(text) : {};
    return Array.isArray(body)
      ? body
      : Array.isArray((body as { args?: unknown }).args)
        ? (body as { args: unknown[] }).args
        : [];
  } catch {
    return null;
  }
}

/** `POST /__emulator/<method>` with `{"args":[…]}` (or a bare array) → `{"result":…}`; `GET` works for argument-less reads. */
export function createControlHttp(control: EmulatorControl): ControlHttp {
  const table: Record<string, (...args: never[]) => unknown> = {
    'faults.add': control.faults.add,
    'faults.remove': control.faults.remove,
    'faults.clear': control.faults.clear,
    'faults.list': control.faults.list,
    setOffline: control.setOffline,
    pullNow: control.pullNow,
    sources: control.sources,
    credentialMatches: control.credentialMatches,
    credentialNames: control.credentialNames,
    seedSources: control.seedSources,
    expireSessions: control.expireSessions,
    setEmailPasswordEnabled: control.setEmailPasswordEnabled,
    setSignInLimit: control.setSignInLimit,
    setAnthropicRateLimit: control.setAnthropicRateLimit,
    resetRateLimits: control.resetRateLimits,
    approveDevice: control.approveDevice,
    denyDevice: control.denyDevice,
    expireDeviceCode: control.expireDeviceCode,
    expireAccessTokens: control.expireAccessTokens,
    addActivities: control.addActivities,
    setEnterprise: control.setEnterprise,
    addOrganization: control.addOrganization,
    requestLog: control.requestLog,
    clearRequestLog: control.clearRequestLog,
    reset: control.reset,
    setPullerMode: control.setPullerMode,
    setActivityMonitorUnavailable: control.setActivityMonitorUnavailable,
    setPublicOrigin: control.setPublicOrigin,
    modes: control.modes,
    cliSessions: control.cliSessions,
    cliKeys: control.cliKeys,
    personalWorkspaces: control.personalWorkspaces,
    issuedSecrets: control.issuedSecrets,
    mintedIngestSecrets: control.mintedIngestSecrets,
    setMemberPermissions: control.setMemberPermissions,
  };
  return async (req, res, url) => {
    if (!url.pathname.startsWith('/__emulator/')) return false;
    const name = url.pathname.slice('/__emulator/'.length);
    const fn = table[name];
    if (!fn) {
      sendJson(res, 404, { error: `unknown control method ${name}`, methods: Object.keys(table) });
      return true;
    }
    let args: unknown[] = [];
    if (req.method === 'POST') {
      const read = await readArgs(req);
      if (!read) {
        sendJson(res, 400, { error: 'body must be JSON' });
        return true;
      }
      args = read;
    } else if (req.method !== 'GET') {
      sendJson(res, 405, { error: 'use GET or POST' });
      return true;
    }
    try {
      const result = await (fn as (...a: unknown[]) => unknown)(...args);
      sendJson(res, 200, { result: result ?? null });
    } catch (e) {
      sendJson(res, 400, { error: e instanceof Error ? e.message : String(e) });
    }
    return true;
  };
}

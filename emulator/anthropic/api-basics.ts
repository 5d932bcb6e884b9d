/** What every emulated Anthropic route shares: the keys of the emulated organisation, request ids, error and JSON answers. */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { SEED } from '../seed';
import { VENDOR_SEED } from '../vendors/seed';

export const ALL_SCOPES = [
  'read:compliance_activities',
  'read:compliance_user_data',
  'read:compliance_org_data',
  'delete:compliance_user_data',
];
export interface KeyInfo {
  id: string;
  kind: 'compliance' | 'admin' | 'workspace';
  scopes: string[];
  revoked: boolean;
  parentOrg: string;
}

/** Keys known to the emulated Anthropic org (all under one parent org, sharing its rate limit). */
export const KEYS: ReadonlyMap<string, KeyInfo> = new Map([
  [
    SEED.anthropicKeys.compliance,
    {
      id: 'cak_01JEMUCOMPLIANCE0001',
      kind: 'compliance',
      scopes: ALL_SCOPES,
      revoked: false,
      parentOrg: 'parent_acme',
    },
  ],
  [
    SEED.anthropicKeys.admin,
    {
      id: 'adminkey_01JEMUADMIN0002',
      kind: 'admin',
      scopes: ['read:compliance_activities'],
      revoked: false,
      parentOrg: 'parent_acme',
    },
  ],
  [
    SEED.anthropicKeys.adminNoFeed,
    {
      id: 'adminkey_01JEMUOLDADMIN03',
      kind: 'admin',
      scopes: ['admin:read', 'admin:write'],
      revoked: false,
      parentOrg: 'parent_acme',
    },
  ],
  [
    VENDOR_SEED.anthropic.workspaceKey,
    { id: 'apikey_01JEMUWORKSPACE05', kind: 'workspace', scopes: [], revoked: false, parentOrg: 'parent_acme' },
  ],
  [
    SEED.anthropicKeys.revoked,
    {
      id: 'cak_01JEMUREVOKED00000004',
      kind: 'compliance',
      scopes: ALL_SCOPES,
      revoked: true,
      parentOrg: 'parent_acme',
    },
  ],
]);

export const requestId = (): string => `req_${randomBytes(12).toString('base64url')}`;

/** A JSON answer with a request id. */
export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'request-id': requestId(),
    ...headers,
  });
  res.end(text);
}

/** The documented error body. */
export function anthropicError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  send(res, status, { type: 'error', error: { type, message } }, headers);
}

/**
 * Contract: a stale team id, as LangWatch itself answers it. Follows LangWatch's own code:
 *  - `packages/authz/src/errors.ts` — `PermissionDeniedError`: 403, code `permission_denied`,
 *    message "You do not have permission to access this <scope type>", `meta: { permission,
 *    scopeType, denialReason }` (no scope id on the wire);
 *  - `langwatch/src/server/app-layer/authz/scope-lineage-guard.ts` — runs ahead of every
 *    permission check and refuses ids that do not resolve to one organisation as that error at
 *    the widest tier the input names (`organization`), `denialReason: "no-membership"`, wrapped
 *    in a TRPCError whose status the handled-error middleware derives from the cause (403);
 *  - the tRPC error formatter (`createTrpcErrorFormatter`): `message` is the handled code,
 *    `data.error` is `HandledError.serialize()` (so `meta` travels in `data.error.meta`, not
 *    in `data.cause`), `data.authored: false`.
 * The console must say the team is stale, not that the admin lacks `ingestionSources:manage`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLangwatchApi } from '../../../src-main/services/langwatch/api';
import { caught } from '../../support/caught';
import { sendJson, startLocalServer, type LocalServer } from '../../support/local-server';

const ORG = 'org_1';
const TEAM = 'team_deleted_since';

/** The envelope LangWatch sends for the lineage guard's denial of `path`. */
function lineageDenial(path: string) {
  return {
    error: {
      json: {
        message: 'permission_denied',
        code: -32003,
        data: {
          code: 'FORBIDDEN',
          httpStatus: 403,
          path,
          cause: null,
          error: {
            code: 'permission_denied',
            kind: 'permission_denied',
            meta: { permission: 'ingestionSources:manage', scopeType: 'organization', denialReason: 'no-membership' },
            httpStatus: 403,
            fault: 'customer',
            retryable: false,
            reasons: [],
          },
          authored: false,
          traceId: 'trace-1',
        },
      },
    },
  };
}

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
async function api() {
  server = await startLocalServer((req, res) => {
    const path = (req.url ?? '').replace(/^\/api\/trpc\//, '').replace(/\?.*$/, '');
    sendJson(res, 403, lineageDenial(path));
  });
  return createLangwatchApi({ baseUrl: server.url, getCookie: async () => 'better-auth.session_token=t.s' });
}

describe('stale team id → LangWatch 403 permission_denied at organization scope, no-membership', () => {
  it('a create that named a team says the team is stale (naming the team it sent), not a missing permission', async () => {
    const error = await caught(
      (await api()).createSource({
        organizationId: ORG,
        sourceType: 'claude_compliance',
        name: 'Compliance',
        teamId: TEAM,
        parserConfig: { adapter: 'claude_compliance' },
      }),
    );
    expect(error).toMatchObject({
      code: 'langwatch.team_not_found',
      details: {
        httpStatus: 403,
        serverCode: 'permission_denied',
        denialReason: 'no-membership',
        scopeType: 'organization',
        teamId: TEAM,
      },
    });
    expect(error.message).toMatch(/team/);
    expect(error.message).not.toMatch(/ingestionSources:manage/);
  });

  it('an update that moves a source to a team says the same', async () => {
    const error = await caught((await api()).updateSource({ organizationId: ORG, id: 'src_1', teamId: TEAM }));
    expect(error).toMatchObject({ code: 'langwatch.team_not_found', details: { teamId: TEAM } });
  });

  it('without a team in the request it stays a refusal, said as "no membership", never as a missing permission', async () => {
    const error = await caught((await api()).updateSource({ organizationId: ORG, id: 'src_1', name: 'x' }));
    expect(error).toMatchObject({
      code: 'langwatch.forbidden',
      details: { denialReason: 'no-membership', scopeType: 'organization', permission: 'ingestionSources:manage' },
    });
    expect(error.message).toMatch(/no membership/);
    expect(error.message).not.toMatch(/do not have the "ingestionSources:manage" permission/);
  });
});

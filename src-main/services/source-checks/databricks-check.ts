/**
 * The Databricks Genie credential check, as LangWatch's `databricksGenie.puller.ts` uses the
 * credential: a pasted workspace token wins; otherwise the service principal signs in at the
 * workspace's OAuth token endpoint (`POST /oidc/v1/token`, HTTP Basic, client credentials,
 * `scope=all-apis`). Then one read the puller needs: the first page of Genie spaces, or, when
 * the source pins spaces, the first conversation page of the first one (`include_all=true`,
 * as the puller asks). Reads only; the minted token is dropped with the check.
 */
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { judgeAnswer, unparsableVerdict, validVerdict, type VendorContext } from './answer-verdict';
import { limitsOf, targetOf, type CheckOutcome, type CheckRun } from './check-types';
import { databricksWorkspace } from './destinations';
import { callUpstream } from './upstream-call';

const tokenSchema = z.looseObject({ access_token: z.string().min(1) });
const spacesSchema = z.looseObject({ spaces: z.array(z.looseObject({ space_id: z.string() })).default([]) });
const conversationsSchema = z.looseObject({ conversations: z.array(z.unknown()).default([]) });

const NOT_REACHED = "Whether LangWatch's server can reach the workspace: it calls from its own network.";

function context(origin: string, secrets: string[], run: CheckRun, step: 'sign_in' | 'read'): VendorContext {
  return {
    upstream: 'The Databricks workspace',
    origin,
    rateLimitProvesKey: step === 'read',
    secrets,
    now: run.now(),
    timeoutMs: run.timeoutMs,
    unauthorized:
      step === 'sign_in'
        ? {
            message: "The workspace refused the service principal's client ID and secret (HTTP 401).",
            nextStep:
              'Copy the client ID and an OAuth secret of the service principal again (Settings → Identity and access → Service principals).',
          }
        : {
            message:
              'The workspace refused the token (HTTP 401): it is wrong or expired (a pasted token lives about an hour).',
            nextStep:
              'Use the service principal’s client ID and secret instead: LangWatch signs in with them at every pull, and they do not expire.',
          },
    forbidden: {
      message: 'The workspace knows the credential but does not let it read Genie (HTTP 403).',
      nextStep:
        'Give the service principal Can Manage on the Genie spaces LangWatch should read (needed to list every user’s conversations).',
    },
  };
}

/** Signs the service principal in; the access token, or the outcome that ends the check. */
async function signIn(ws: URL, clientId: string, clientSecret: string, run: CheckRun): Promise<string | CheckOutcome> {
  const url = new URL('/oidc/v1/token', ws);
  const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
  const ctx = context(ws.origin, [clientId, clientSecret, basic], run, 'sign_in');
  const outcome = await callUpstream({
    url,
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=all-apis',
    ...limitsOf(run),
  });
  // Databricks answers bad client credentials with 400 or 401 `invalid_client`.
  const judged = judgeAnswer(outcome, ctx);
  const failed = (verdict: CheckOutcome['verdict']): CheckOutcome => ({
    verdict,
    proved: [],
    notProved: ['That the service principal can sign in.', 'That it can read Genie.', NOT_REACHED],
    target: targetOf(url),
  });
  if (judged.kind === 'verdict') {
    const v = judged.verdict;
    if (v.httpStatus === 400 && v.errorType === 'invalid_client')
      return failed({
        ...v,
        verdict: 'invalid_key',
        ...ctx.unauthorized,
        message: ctx.unauthorized.message.replace('401', '400'),
      });
    return failed(v);
  }
  const parsed = parseJson(judged.answer.text, tokenSchema);
  if (parsed === null)
    return failed(
      unparsableVerdict(
        judged.answer,
        judged.requestId,
        ctx,
        'The workspace answered the sign-in without an access token.',
      ),
    );
  return parsed.access_token;
}

function parseJson<T extends z.ZodType>(text: string, schema: T): z.infer<T> | null {
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** The first pinned space, if the source pins any (a comma-separated list). */
function firstSpace(spaceIds: string | undefined): string | undefined {
  return (spaceIds ?? '')
    .split(',')
    .map((s) => s.trim())
    .find((s) => s !== '');
}

/** The read the puller needs first: the spaces, or the pinned space's conversations of every user. */
function readUrl(ws: URL, spaceId: string | undefined): URL {
  const url = spaceId
    ? new URL(`/api/2.0/genie/spaces/${encodeURIComponent(spaceId)}/conversations`, ws)
    : new URL('/api/2.0/genie/spaces', ws);
  if (spaceId) url.searchParams.set('include_all', 'true');
  url.searchParams.set('page_size', '1');
  return url;
}

/** What a successful read still leaves unproved. */
function caveatsOf(pasted: boolean, spaceId: string | undefined, warehouseId: string | undefined): string[] {
  return [
    ...(pasted
      ? [
          'That the token still works at the next scheduled pull: a pasted token expires about an hour after it was issued.',
        ]
      : []),
    ...(spaceId
      ? []
      : [
          "That it may read every user's conversations (include_all needs Can Manage on each space): no conversation was read.",
        ]),
    ...(warehouseId ? ['The SQL warehouse cost read: it runs a query, so the check does not.'] : []),
    NOT_REACHED,
  ];
}

/** Runs the check. */
export async function checkDatabricks(run: CheckRun): Promise<CheckOutcome> {
  const ws = databricksWorkspace(run.values.workspaceUrl ?? '', run.allowLoopback);
  const { token: pasted, clientId, clientSecret } = run.secrets;
  if (!pasted && !(clientId && clientSecret))
    throw new AppError(
      'invalid_argument',
      'Enter the service principal’s client ID and secret (or a workspace token).',
      {
        field: 'clientSecret',
      },
    );
  const signedIn = pasted ? pasted : await signIn(ws, clientId!, clientSecret!, run);
  if (typeof signedIn !== 'string') return signedIn;
  const secrets = [signedIn, ...[pasted, clientId, clientSecret].filter((s): s is string => !!s)];
  const spaceId = firstSpace(run.values.spaceIds);
  const url = readUrl(ws, spaceId);
  const ctx = context(ws.origin, secrets, run, 'read');
  const outcome = await callUpstream({
    url,
    method: 'GET',
    headers: { authorization: `Bearer ${signedIn}`, accept: 'application/json' },
    ...limitsOf(run),
  });
  const judged = judgeAnswer(outcome, ctx);
  const signInFact = pasted
    ? 'The workspace accepted the pasted token.'
    : 'The workspace signed the service principal in (OAuth client credentials), as LangWatch does at every pull.';
  const what = spaceId ? `read every user's conversations in space ${spaceId}` : 'list the Genie spaces';
  const caveats = caveatsOf(!!pasted, spaceId, run.values.warehouseId);
  if (judged.kind === 'verdict') {
    // A 403 on the read means the workspace took the token, pasted or minted.
    const proved = !pasted || judged.verdict.verdict === 'missing_scope' ? [signInFact] : [];
    return {
      verdict: judged.verdict,
      proved,
      notProved: [`That the credential can ${what}.`, ...caveats],
      target: targetOf(url),
    };
  }
  const body = parseJson(judged.answer.text, spaceId ? conversationsSchema : spacesSchema);
  if (body === null)
    return {
      verdict: unparsableVerdict(
        judged.answer,
        judged.requestId,
        ctx,
        `The workspace answered HTTP ${judged.answer.status}, but not with a Genie list.`,
      ),
      proved: pasted ? [] : [signInFact],
      notProved: [`That the credential can ${what}.`, ...caveats],
      target: targetOf(url),
    };
  return {
    verdict: validVerdict(judged.answer, judged.requestId, run.now(), {
      message: `The credential works: the workspace let it ${what}.`,
      nextStep: 'Nothing to fix. LangWatch will sign in and read Genie the same way.',
    }),
    proved: [signInFact, `It can ${what}.`],
    notProved: caveats,
    target: targetOf(url),
  };
}

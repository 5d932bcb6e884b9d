/**
 * The custom HTTP audit-log API check: one GET of the endpoint as LangWatch's
 * `httpPollingPullerAdapter.ts` sends its first page, with the auth header built from the
 * template (`${{credentials.token}}` and any other `${{credentials.<name>}}` substituted, as the
 * puller's `substituteTemplate` does). The URL must first pass the destination rule
 * (destinations.ts). A GET of an audit log is a read; nothing is written upstream.
 */
import { AppError } from '../../../src-shared/errors';
import { catalogEntry } from '../../../src-shared/domain/source-catalog';
import { judgeAnswer, unparsableVerdict, validVerdict, type VendorContext } from './answer-verdict';
import { limitsOf, targetOf, type CheckOutcome, type CheckRun } from './check-types';
import { customApiUrl } from './destinations';
import { callUpstream } from './upstream-call';

const TEMPLATE = /\$\{\{([\w.]+)\}\}/g;
const NOT_REACHED =
  "Whether LangWatch's server can reach this API: it calls from its own network (and refuses host names that resolve to private addresses).";

/** The credentials subtree the puller sees: secrets by their `credentials` name. */
function credentialsOf(secrets: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of catalogEntry('http_custom').fields)
    if (f.secret && f.sendAs.in === 'credential' && secrets[f.key]) out[f.sendAs.name] = secrets[f.key]!;
  return out;
}

/** The header value with every `${{credentials.x}}` substituted; refuses one that names no secret. */
function authHeaderValue(template: string, credentials: Record<string, string>): string {
  let usesCredential = false;
  const value = template.replace(TEMPLATE, (match, path: string) => {
    const [root, name, ...rest] = path.split('.');
    const found = root === 'credentials' && rest.length === 0 && name !== undefined ? credentials[name] : undefined;
    if (found === undefined)
      throw new AppError(
        'invalid_argument',
        `The auth header template names ${match}, which this source has no value for: LangWatch would send it literally.`,
        { field: 'authHeaderValue' },
      );
    usesCredential = true;
    return found;
  });
  if (!usesCredential)
    throw new AppError(
      'invalid_argument',
      'The auth header template does not contain ${{credentials.token}}, so the token would never be sent.',
      {
        field: 'authHeaderValue',
      },
    );
  return value;
}

/** A `$.a.b` path's value (the simple paths only; LangWatch's JSONPath engine is not run here). */
function simplePath(body: unknown, path: string): { known: boolean; value: unknown } {
  if (!/^\$(\.[A-Za-z_][\w-]*)*$/.test(path)) return { known: false, value: undefined };
  let value: unknown = body;
  for (const seg of path.split('.').slice(1))
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[seg] : undefined;
  return { known: true, value };
}

/** What the first page says about the events path. */
function eventsFacts(body: unknown, eventsPath: string): { proved: string[]; notProved: string[] } {
  const events = simplePath(body, eventsPath);
  if (!events.known)
    return { proved: [], notProved: [`What ${eventsPath} selects: only simple $.a.b paths are followed here.`] };
  if (Array.isArray(events.value))
    return { proved: [`${eventsPath} selects a list (${events.value.length} on the first page).`], notProved: [] };
  return {
    proved: [],
    notProved: [`${eventsPath} selects no list in the first page: LangWatch would read zero events from it.`],
  };
}

/** Runs the check. */
export async function checkHttpCustom(run: CheckRun): Promise<CheckOutcome> {
  const url = customApiUrl(run.values.url ?? '', run.allowLoopback);
  const headerName = (run.values.authHeaderName ?? '').trim();
  if (!/^[!#$%&'*+.^`|~\w-]+$/.test(headerName))
    throw new AppError('invalid_argument', 'Enter the auth header name (for example Authorization).', {
      field: 'authHeaderName',
    });
  const credentials = credentialsOf(run.secrets);
  const value = authHeaderValue(run.values.authHeaderValue ?? '', credentials);
  const secrets = [value, ...Object.values(credentials)];
  const ctx: VendorContext = {
    upstream: 'The audit-log API',
    origin: url.origin,
    rateLimitProvesKey: false,
    secrets,
    now: run.now(),
    timeoutMs: run.timeoutMs,
    unauthorized: {
      message: 'The API refused the credential (HTTP 401).',
      nextStep: 'Check the token and the header template (name and value) against the API’s documentation.',
    },
    forbidden: {
      message: 'The API knows the credential but does not let it read this endpoint (HTTP 403).',
      nextStep: 'Give the credential read access to the audit log in the upstream admin console.',
    },
  };
  const outcome = await callUpstream({
    url,
    method: 'GET',
    // Only the configured header, as the puller sends it.
    headers: { [headerName]: value },
    ...limitsOf(run),
  });
  const judged = judgeAnswer(outcome, ctx);
  const always = ['The event mapping and pages after the first one.', NOT_REACHED];
  if (judged.kind === 'verdict')
    return {
      verdict: judged.verdict,
      proved: [],
      notProved: ['That the credential can read the audit log.', ...always],
      target: targetOf(url),
    };
  let body: unknown;
  try {
    body = JSON.parse(judged.answer.text);
  } catch {
    return {
      verdict: unparsableVerdict(
        judged.answer,
        judged.requestId,
        ctx,
        `The API answered HTTP ${judged.answer.status}, but not with JSON: LangWatch's puller could not read it.`,
      ),
      proved: ['The API accepted the request.'],
      notProved: ['That it answers JSON the puller can read.', ...always],
      target: targetOf(url),
    };
  }
  const facts = eventsFacts(body, (run.values.eventsJsonPath ?? '$.data').trim());
  return {
    verdict: validVerdict(judged.answer, judged.requestId, run.now(), {
      message: `The credential works: the API answered the first page (HTTP ${judged.answer.status}) as JSON.`,
      nextStep: 'Nothing to fix. LangWatch will send the same request on its schedule.',
    }),
    proved: [`The API accepted the ${headerName} header built from the template.`, ...facts.proved],
    notProved: [...facts.notProved, ...always],
    target: targetOf(url),
  };
}

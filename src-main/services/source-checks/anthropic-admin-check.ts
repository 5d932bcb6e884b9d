/**
 * The Anthropic Admin API key check: one page of the report the source will pull, asked as
 * LangWatch's `anthropicAdmin.puller.ts` asks it (`GET /v1/organizations/usage_report/messages`
 * or `/cost_report`, `x-api-key`, `anthropic-version: 2023-06-01`), with `limit=1`. A read: it
 * changes nothing at Anthropic. Only an Admin API key may read these reports; a workspace
 * (Claude API) key answers 401, which the verdict explains.
 */
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { judgeAnswer, unparsableVerdict, validVerdict, type VendorContext } from './answer-verdict';
import { limitsOf, targetOf, type CheckOutcome, type CheckRun } from './check-types';
import { callUpstream } from './upstream-call';

const ANTHROPIC_VERSION = '2023-06-01';
/** LangWatch's puller always calls this origin, whatever the console's profile says. */
const PULLER_ORIGIN = 'https://api.anthropic.com';
const ADMIN_PREFIX = 'sk-ant-admin';

const pageSchema = z.looseObject({ data: z.array(z.looseObject({ starting_at: z.string() })), has_more: z.boolean() });

/** The group-by sets the puller asks for (they are part of the request it makes). */
const GROUP_BY = {
  usage: ['model', 'workspace_id', 'api_key_id', 'service_tier', 'context_window'],
  cost: ['workspace_id', 'description'],
} as const;

/** The report URL, as the puller builds it for its first run, asking for one bucket only. */
function reportUrl(baseUrl: string, report: 'usage' | 'cost', bucketWidth: string, now: number): URL {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new AppError('invalid_argument', 'The Anthropic base URL of this deployment profile is not a valid URL.');
  }
  const path = report === 'usage' ? 'usage_report/messages' : 'cost_report';
  const url = new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}/v1/organizations/${path}`);
  // The puller's default first window: 1 day back for usage, 3 for cost, from midnight UTC.
  const start = new Date(now - (report === 'cost' ? 3 : 1) * 86_400_000);
  start.setUTCHours(0, 0, 0, 0);
  url.searchParams.set('starting_at', start.toISOString());
  // The cost report is daily only; the usage report takes the source's width.
  url.searchParams.set('bucket_width', report === 'cost' ? '1d' : bucketWidth);
  for (const dim of GROUP_BY[report]) url.searchParams.append('group_by[]', dim);
  url.searchParams.set('limit', '1');
  return url;
}

function context(url: URL, key: string, run: CheckRun, reportName: string): VendorContext {
  const workspaceKey = !key.startsWith(ADMIN_PREFIX);
  return {
    upstream: 'Anthropic',
    origin: url.origin,
    rateLimitProvesKey: true,
    secrets: [key],
    now: run.now(),
    timeoutMs: run.timeoutMs,
    unauthorized: workspaceKey
      ? {
          message: `Anthropic answered 401 on the organization's ${reportName}. That is what a workspace key (a Claude API key, sk-ant-api…) gets: the usage and cost reports answer only an Admin API key, which an organization admin creates.`,
          nextStep:
            'Create an Admin API key in the Anthropic Console (Settings → Admin keys; it starts with sk-ant-admin01-) and paste it here instead.',
        }
      : {
          message: `Anthropic rejected this Admin API key (HTTP 401): it is wrong, revoked or disabled.`,
          nextStep:
            'Copy the key again from the Anthropic Console (Settings → Admin keys), or create a new Admin API key.',
        },
    forbidden: {
      message: `Anthropic knows the key but does not let it read the ${reportName} (HTTP 403).`,
      nextStep: 'Use an Admin API key of the organization whose usage LangWatch should read.',
    },
  };
}

/** Runs the check. */
export async function checkAnthropicAdmin(run: CheckRun): Promise<CheckOutcome> {
  const key = run.secrets.token ?? '';
  if (key === '') throw new AppError('invalid_argument', 'Paste the Admin API key first.', { field: 'token' });
  const report = run.values.report === 'usage' ? 'usage' : 'cost';
  const reportName = report === 'usage' ? 'usage report' : 'cost report';
  const width = ['1m', '1h', '1d'].includes(run.values.bucketWidth ?? '') ? run.values.bucketWidth! : '1d';
  const url = reportUrl(run.anthropicBaseUrl, report, width, run.now());
  if (url.protocol !== 'https:' && !(run.allowLoopback && url.hostname === '127.0.0.1'))
    throw new AppError('invalid_argument', 'The Anthropic base URL must use https://.', { field: 'baseUrl' });
  const ctx = context(url, key, run, reportName);
  const headers = { 'x-api-key': key, 'anthropic-version': ANTHROPIC_VERSION, accept: 'application/json' };
  const outcome = await callUpstream({ url, method: 'GET', headers, ...limitsOf(run) });
  const judged = judgeAnswer(outcome, ctx);
  const elsewhere =
    url.origin === PULLER_ORIGIN
      ? []
      : [
          `LangWatch's puller always calls ${PULLER_ORIGIN}; this check asked ${url.origin} (this profile's Anthropic URL).`,
        ];
  const always = ["Whether LangWatch's server can reach Anthropic: it calls from its own network.", ...elsewhere];
  if (judged.kind === 'verdict') {
    const keyKnown = judged.verdict.verdict === 'missing_scope' || judged.verdict.verdict === 'rate_limited';
    return {
      verdict: judged.verdict,
      proved: keyKnown ? ['Anthropic knows this key.'] : [],
      notProved: [`That the key can read the ${reportName}.`, ...always],
      target: targetOf(url),
    };
  }
  const page = (() => {
    try {
      return pageSchema.safeParse(JSON.parse(judged.answer.text));
    } catch {
      return null;
    }
  })();
  if (!page?.success)
    return {
      verdict: unparsableVerdict(
        judged.answer,
        judged.requestId,
        ctx,
        `${url.origin} answered HTTP ${judged.answer.status}, but not with an Anthropic ${reportName}.`,
      ),
      proved: [],
      notProved: [`That the key can read the ${reportName}.`, ...always],
      target: targetOf(url),
    };
  const buckets = page.data.data.length;
  return {
    verdict: validVerdict(judged.answer, judged.requestId, run.now(), {
      message: `The key works: Anthropic accepted it as an Admin API key and it can read the organization's ${reportName}.`,
      nextStep: `Nothing to fix. LangWatch will pull the ${reportName} with this key.`,
    }),
    proved: [
      'Anthropic accepted the key as an Admin API key of an organization.',
      `It can read the ${reportName}, the one this source pulls (${buckets === 0 ? 'no bucket yet in the first window' : 'the first window has data'}).`,
    ],
    notProved: [
      ...(buckets === 0 ? ['That the organization has usage to report: an empty window is not an error.'] : []),
      `The other report (${report === 'usage' ? 'cost' : 'usage'}): a source pulls one only.`,
      ...always,
    ],
    target: targetOf(url),
  };
}

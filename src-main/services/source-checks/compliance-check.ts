/**
 * The compliance key check (`claude_compliance`) in the shape of the other vendor checks, so one
 * "Check credentials" serves every type: Anthropic's client does the request and the verdict.
 */
import { keyVerdictKeyWorks } from '../../../src-shared/domain/key-verdict';
import { AppError } from '../../../src-shared/errors';
import { checkKey } from '../anthropic';
import type { CheckOutcome, CheckRun } from './check-types';

/** Runs the check (`GET /v1/compliance/activities?limit=1`). */
export async function checkCompliance(run: CheckRun): Promise<CheckOutcome> {
  const key = run.secrets.token ?? '';
  if (key === '') throw new AppError('invalid_argument', 'Paste the compliance key first.', { field: 'token' });
  const verdict = await checkKey({
    baseUrl: run.anthropicBaseUrl,
    key,
    timeoutMs: run.timeoutMs,
    signal: run.signal,
    dispatcher: run.dispatcher,
    now: run.now,
  });
  const works = keyVerdictKeyWorks(verdict);
  const reach =
    "Whether LangWatch's puller reads the same feed: at the LangWatch version read, it asks another path (see the README).";
  return {
    verdict,
    proved:
      works === true
        ? [
            'Anthropic accepted the key.',
            ...(verdict.verdict === 'valid' ? ['It can read the compliance activity feed.'] : []),
          ]
        : [],
    notProved: [
      ...(works === true && verdict.verdict === 'valid' ? [] : ['That the key can read the compliance activity feed.']),
      reach,
    ],
    target: `${run.anthropicBaseUrl.replace(/\/+$/, '')}/v1/compliance/activities`,
  };
}

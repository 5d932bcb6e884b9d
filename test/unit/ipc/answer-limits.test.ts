/**
 * What one invoke may send back (issue 19): 10,000 bad ids used to produce an 867,880-character
 * error answer. Errors are cut to size with a count of the rest; an answer over the channel cap
 * fails with `ipc.answer_too_large`, naming the limit.
 */
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import type { SenderInfo } from '../../../src-main/ipc/sender-guard';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import { AppError } from '../../../src-shared/errors';
import { channel, LIMITS } from '../../../src-shared/ipc/define';

const OUR_URL = 'http://127.0.0.1:4000/';
const ours: SenderInfo = { frameUrl: `${OUR_URL}index.html`, isMainFrame: true, windowId: 1 };
const policy = { trustedUrls: [OUR_URL], isOurWindow: (id: unknown) => id === 1 };
const badIds = Array.from({ length: 10_000 }, (_, i) => `bad id #${i}`);

describe('IPC answers are bounded', () => {
  it('10,000 bad ids on the real sources.export channel: a short error that counts the rest', async () => {
    const exportSources = vi.fn();
    const dispatcher = createDispatcher({
      handlers: { 'sources.export': exportSources } as never,
      senderPolicy: policy,
      log: createMemoryLogger(),
    });
    const result = await dispatcher.dispatch('sources.export', { format: 'csv', ids: badIds }, ours);
    expect(exportSources).not.toHaveBeenCalled();
    expect(JSON.stringify(result).length).toBeLessThanOrEqual(LIMITS.errorChars);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'ipc.invalid_input',
        message: expect.stringContaining('and 9995 more problems'),
        details: { issuesNotShown: 10_000 - LIMITS.errorListItems },
      },
    });
    if (result.ok) throw new Error('expected an error');
    expect(result.error.details!.issues).toHaveLength(LIMITS.errorListItems);
  });

  it("an error's own list (e.g. bad ids a service names) is cut with a count, and its message kept within 2,000 characters", async () => {
    const dispatcher = createDispatcher({
      contract: { 'test.fail': channel({ summary: 'test', input: z.object({}).strict(), output: z.object({}) }) },
      handlers: {
        'test.fail': async () => {
          throw new AppError('not_found', `Unknown ids: ${badIds.join(', ')}`, { ids: badIds });
        },
      } as never,
      senderPolicy: policy,
      log: createMemoryLogger(),
    });
    const result = await dispatcher.dispatch('test.fail', {}, ours);
    if (result.ok) throw new Error('expected an error');
    expect(result.error.message.length).toBeLessThanOrEqual(2000);
    expect(result.error.details).toEqual({
      ids: badIds.slice(0, LIMITS.errorListItems),
      idsNotShown: 10_000 - LIMITS.errorListItems,
    });
  });

  it('an answer over the channel cap is not sent: ipc.answer_too_large with the limit', async () => {
    const log = createMemoryLogger();
    const dispatcher = createDispatcher({
      contract: {
        'test.huge': channel({ summary: 'test', input: z.object({}).strict(), output: z.object({ text: z.string() }) }),
      },
      handlers: { 'test.huge': async () => ({ text: 'x'.repeat(LIMITS.answerChars + 1) }) } as never,
      senderPolicy: policy,
      log,
    });
    const result = await dispatcher.dispatch('test.huge', {}, ours);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'ipc.answer_too_large', details: { channel: 'test.huge', limit: LIMITS.answerChars } },
    });
    expect(JSON.stringify(result).length).toBeLessThan(1000);
    expect(log.entries.some((e) => e.msg === 'ipc answer too large, not sent')).toBe(true);
  });
});

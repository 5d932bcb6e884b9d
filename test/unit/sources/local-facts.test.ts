import { describe, expect, it } from 'vitest';
import { schedulesFromHistory } from '../../../src-main/services/sources/local-facts';

const AT = '2026-12-01T10:00:00.000Z';

describe('local facts', () => {
  it('the schedule this console last sent is the canonical cron of its cadence', () => {
    const schedules = schedulesFromHistory({
      src_a: {
        action: 'cadence_changed',
        at: AT,
        fingerprint: null,
        pollEverySec: 3600,
        pullSchedule: null,
        stagedId: 's1',
      },
      src_b: {
        action: 'created',
        at: AT,
        fingerprint: 'sk-ant-api01-…a1b2',
        pollEverySec: 300,
        pullSchedule: null,
        stagedId: 's2',
      },
      src_c: {
        action: 'cadence_changed',
        at: AT,
        fingerprint: null,
        pollEverySec: null,
        pullSchedule: '7,37 9-17 * * 1-5',
        stagedId: 's3',
      },
      src_d: {
        action: 'rekeyed',
        at: AT,
        fingerprint: 'sk-ant-api01-…c3d4',
        pollEverySec: null,
        pullSchedule: null,
        stagedId: 's4',
      },
    });
    // A cron sent as written is kept verbatim; a re-key that kept the schedule reports none.
    expect(schedules).toEqual({
      src_a: { cron: '0 * * * *', at: AT },
      src_b: { cron: '*/5 * * * *', at: AT },
      src_c: { cron: '7,37 9-17 * * 1-5', at: AT },
    });
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-main/services/clock';
import { createNullLogger } from '../../../src-main/services/logging/logger';
import {
  ARCHIVED_HERE_FILE_NAME,
  createArchivedHere,
  schedulesFromHistory,
} from '../../../src-main/services/sources/local-facts';

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

  it('remembers archived ids across restarts, each once, newest last', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-archived-'));
    const first = createArchivedHere({ userDataDir: dir, log: createNullLogger(), clock: systemClock });
    await first.add('src_1');
    await first.add('src_2');
    await first.add('src_1');
    const again = createArchivedHere({ userDataDir: dir, log: createNullLogger(), clock: systemClock });
    expect(await again.ids()).toEqual(['src_2', 'src_1']);
    expect(JSON.parse(readFileSync(join(dir, ARCHIVED_HERE_FILE_NAME), 'utf8'))).toEqual({
      version: 1,
      ids: ['src_2', 'src_1'],
    });
  });
});

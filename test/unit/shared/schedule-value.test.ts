import { describe, expect, it } from 'vitest';
import {
  intervalParts,
  intervalSeconds,
  scheduleFields,
  scheduleFromStored,
  scheduleLabel,
  scheduleValid,
} from '../../../src-shared/domain/schedule-value';

describe('schedule field values', () => {
  it('sends an interval as pollEverySec, a cron as pullSchedule, and nothing for "keep"', () => {
    expect(scheduleFields({ kind: 'interval', seconds: 900 })).toEqual({ pollEverySec: 900 });
    expect(scheduleFields({ kind: 'cron', cron: '0 9 * * MON-FRI' })).toEqual({ pullSchedule: '0 9 * * MON-FRI' });
    expect(scheduleFields({ kind: 'keep' })).toEqual({});
  });

  it('custom intervals are typed in minutes or hours, never seconds', () => {
    expect(intervalSeconds('15', 'minutes')).toBe(900);
    expect(intervalSeconds('6', 'hours')).toBe(21_600);
    expect(intervalSeconds('1.5', 'hours')).toBeNaN();
    expect(intervalSeconds('', 'minutes')).toBeNaN();
    expect(intervalParts(21_600)).toEqual({ amount: '6', unit: 'hours' });
    expect(intervalParts(720)).toEqual({ amount: '12', unit: 'minutes' });
  });

  it('validity follows what LangWatch accepts', () => {
    expect(scheduleValid({ kind: 'interval', seconds: 420 })).toBe(false);
    expect(scheduleValid({ kind: 'interval', seconds: 360 })).toBe(true);
    expect(scheduleValid({ kind: 'cron', cron: '0 0 31 2 *' })).toBe(false);
    expect(scheduleValid({ kind: 'cron', cron: '0 0 L * *' })).toBe(true);
    expect(scheduleValid({ kind: 'keep' })).toBe(true);
  });

  it('a stored schedule shows as written: only our own canonical crons become intervals', () => {
    expect(scheduleFromStored(900, '*/15 * * * *')).toEqual({ kind: 'interval', seconds: 900 });
    expect(scheduleFromStored(null, '0 9 * * MON-FRI')).toEqual({ kind: 'cron', cron: '0 9 * * MON-FRI' });
    // `* * * * *` means every minute, but we write `*/1 * * * *`: keep the other client's text.
    expect(scheduleFromStored(60, '* * * * *')).toEqual({ kind: 'cron', cron: '* * * * *' });
    expect(scheduleFromStored(null, null)).toEqual({ kind: 'keep' });
  });

  it('labels say what is sent, or that the schedule is kept', () => {
    expect(scheduleLabel('*/15 * * * *')).toBe('every 15 minutes (*/15 * * * *, UTC)');
    expect(scheduleLabel('0 9 * * MON-FRI')).toBe('custom schedule 0 9 * * MON-FRI (UTC)');
    expect(scheduleLabel(null)).toBe('kept as it is on LangWatch');
  });
});

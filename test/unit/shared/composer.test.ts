import { describe, expect, it } from 'vitest';
import {
  ComposerCreate,
  ComposerUpdate,
  composerFieldErrors,
  nameTakenMessage,
  scheduleOf,
} from '../../../src-shared/domain/composer';

const KEY = 'sk-ant-api01-abcdefghijklmnopqrstuvwxyz0123';

describe('composer schema (form and main)', () => {
  it('accepts a valid create, trimming name and key; empty optional fields become absent/null', () => {
    const parsed = ComposerCreate.parse({
      name: '  Compliance  ',
      description: '',
      teamId: '',
      key: `\n${KEY} `,
      pollEverySec: 300,
    });
    expect(parsed).toEqual({ name: 'Compliance', description: undefined, teamId: null, key: KEY, pollEverySec: 300 });
  });

  it('refuses each field with its own message and never echoes the key', () => {
    const bad = 'sk-ant-api03-thisisaclaudeapikey123456';
    const result = ComposerCreate.safeParse({ name: ' ', key: bad, pollEverySec: 420, description: 'x'.repeat(2001) });
    expect(result.success).toBe(false);
    const errors = composerFieldErrors(result.error!);
    expect(errors.name).toBe('Give the source a name.');
    expect(errors.key).toMatch(/Claude API key/);
    expect(errors.pollEverySec).toMatch(/Nearest valid: 360 s .* or 600 s/);
    expect(errors.description).toMatch(/at most 2000/);
    expect(JSON.stringify(result.error)).not.toContain(bad);
  });

  it('names are 1..128 characters', () => {
    expect(ComposerCreate.safeParse({ name: 'x'.repeat(128), key: KEY, pollEverySec: 300 }).success).toBe(true);
    expect(ComposerCreate.safeParse({ name: 'x'.repeat(129), key: KEY, pollEverySec: 300 }).success).toBe(false);
  });

  it('an update may keep the key (absent) and only change the cadence', () => {
    expect(ComposerUpdate.parse({ name: 'Src', pollEverySec: 3600 })).toEqual({ name: 'Src', pollEverySec: 3600 });
    expect(ComposerUpdate.safeParse({ name: 'Src', key: 'has space inside', pollEverySec: 3600 }).success).toBe(false);
  });

  it('uniqueness: exact name after trimming, a source keeps its own name', () => {
    const existing = [{ id: 'a', name: 'Prod' }, { name: 'Staged one' }];
    expect(nameTakenMessage(' Prod ', existing)).toMatch(/already exists/);
    expect(nameTakenMessage('prod', existing)).toBeNull();
    expect(nameTakenMessage('Prod', existing, 'a')).toBeNull();
    expect(nameTakenMessage('Staged one', existing)).toMatch(/already exists/);
    expect(nameTakenMessage('', existing)).toBeNull();
  });
});

describe('names of archived sources stay taken (LangWatch unique index)', () => {
  it('an archived clash says so, a live one says it exists', () => {
    const existing = [
      { id: 'old', name: 'Old workspace', archived: true },
      { id: 'a', name: 'Prod' },
    ];
    expect(nameTakenMessage('Old workspace', existing)).toMatch(
      /archived source is named "Old workspace".*keeps archived names taken/,
    );
    expect(nameTakenMessage('Prod', existing)).toMatch(/already exists/);
  });
});

describe('scheduleOf: the schedule a submission sends', () => {
  it('a fixed interval sends its canonical cron; a custom cron is sent as written, with its interval when fixed', () => {
    expect(scheduleOf({ pollEverySec: 300 })).toEqual({ pullSchedule: '*/5 * * * *', pollEverySec: 300 });
    expect(scheduleOf({ pullSchedule: '*/15 * * * *' })).toEqual({ pullSchedule: '*/15 * * * *', pollEverySec: 900 });
    expect(scheduleOf({ pullSchedule: '0 9 * * MON-FRI' })).toEqual({
      pullSchedule: '0 9 * * MON-FRI',
      pollEverySec: null,
    });
  });

  it('none chosen is null (an update keeps the server schedule); both at once is refused', () => {
    expect(scheduleOf({})).toBeNull();
    expect(() => scheduleOf({ pollEverySec: 300, pullSchedule: '*/5 * * * *' })).toThrow(/either/);
  });

  it('the schemas take a custom cron and refuse one LangWatch refuses', () => {
    expect(ComposerUpdate.parse({ name: 'Src', pullSchedule: ' 0 9 * * MON-FRI ' })).toEqual({
      name: 'Src',
      pullSchedule: '0 9 * * MON-FRI',
    });
    const refused = ComposerCreate.safeParse({ name: 'Src', key: KEY, pullSchedule: '0 0 31 2 *' });
    expect(composerFieldErrors(refused.error!).pullSchedule).toMatch(/never runs/);
    expect(ComposerUpdate.parse({ name: 'Src', key: KEY })).toEqual({ name: 'Src', key: KEY });
  });
});

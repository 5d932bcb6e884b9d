/**
 * The view of an outbox entry is derived from the record, not declared beside it (issue 21):
 * every field the two share is the very same schema, the record adds only its bookkeeping,
 * and `toView` copies the shared fields by the schema's keys, so the view stays JSON-safe and
 * carries no record-only field (and other people's entries no key facts).
 */
import { describe, expect, it } from 'vitest';
import { OutboxEntry } from '../../../src-main/services/outbox/entry';
import { toView } from '../../../src-main/services/outbox/view';
import { OutboxEntryView } from '../../../src-shared/domain/outbox';
import { makeEntry } from './helpers';

const RECORD_ONLY = [
  'marker',
  'unmarkedSends',
  'sendsKey',
  'maybeCreated',
  'reconcileAfter',
  'sentNames',
  'stagedOffline',
  'preflightDone',
  'setsDescription',
];

describe('the outbox entry view', () => {
  it('shares each common field with the record as the same schema, declared once', () => {
    const viewKeys = Object.keys(OutboxEntryView.shape).filter((k) => k !== 'access' && k !== 'owner');
    expect(viewKeys.length).toBeGreaterThan(20);
    for (const k of viewKeys) {
      expect(OutboxEntry.shape[k as keyof typeof OutboxEntry.shape], k).toBe(
        OutboxEntryView.shape[k as keyof typeof OutboxEntryView.shape],
      );
    }
    const recordOnly = Object.keys(OutboxEntry.shape).filter((k) => !(k in OutboxEntryView.shape));
    expect(recordOnly.sort()).toEqual([...RECORD_ONLY].sort());
  });

  it('toView gives exactly the view: JSON-safe, no record-only field, no owner id', () => {
    const entry = makeEntry({
      marker: 'mk-123',
      sentNames: ['A'],
      maybeCreated: true,
      fingerprint: 'sk-ant-api01-…a1b2',
    });
    const view = toView(entry);
    expect(OutboxEntryView.strict().parse(view)).toEqual(view);
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    for (const k of RECORD_ONLY) expect(view).not.toHaveProperty(k);
    expect(JSON.stringify(view)).not.toContain(entry.owner!.userId);
    expect(view.fingerprint).toBe('sk-ant-api01-…a1b2');
  });

  it("another person's entry shows no fingerprint, key check or error", () => {
    const entry = makeEntry({
      fingerprint: 'sk-ant-api01-…a1b2',
      lastError: { code: 'langwatch.validation', message: 'bad name' },
    });
    const view = toView(entry, {
      profileId: entry.profileId,
      deploymentUrl: entry.owner!.deploymentUrl,
      userId: 'someone_else',
      readOnly: false,
      canManage: true,
    });
    expect(view).toMatchObject({ access: 'other_person', fingerprint: null, lastError: null, preflight: null });
  });
});

// The edit of an existing source of any type: only what changed is staged, a re-key is one
// unit of the type's secrets, and no message carries a secret.
import { describe, expect, it } from 'vitest';
import type { Source } from '../../../src-shared/domain/langwatch';
import { canEditSource, editFormOf, sourceEdit } from '../../../src-shared/domain/source-edit-form';

const SECRET = 'azure-client-secret-value-0123456789';

function source(over: Partial<Source> = {}): Source & { sourceType: 'copilot_studio' } {
  return {
    id: 'src_1',
    organizationId: 'org_1',
    teamId: null,
    sourceType: 'copilot_studio',
    name: 'Copilot',
    description: null,
    parserConfig: {},
    status: 'awaiting_first_event',
    lastEventAt: null,
    archivedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    createdById: null,
    ...over,
  } as Source & { sourceType: 'copilot_studio' };
}

describe('source edit form', () => {
  it('stages only what changed, and refuses an edit that changes nothing', () => {
    const s = source();
    expect(sourceEdit(s, editFormOf(s), [])).toEqual({
      ok: false,
      errors: { form: 'Nothing changed: edit a field first.' },
    });
    const r = sourceEdit(s, { ...editFormOf(s), description: ' Purview ', status: 'disabled' }, []);
    expect(r).toEqual({
      ok: true,
      edit: {
        sourceId: 'src_1',
        // The name always goes with a change (LangWatch's update input); the status apart.
        change: {
          organizationId: 'org_1',
          sourceId: 'src_1',
          sourceType: 'copilot_studio',
          name: 'Copilot',
          description: 'Purview',
        },
        status: 'disabled',
      },
    });
    const statusOnly = sourceEdit(s, { ...editFormOf(s), status: 'disabled' }, []);
    expect(statusOnly).toEqual({ ok: true, edit: { sourceId: 'src_1', change: null, status: 'disabled' } });
  });

  it('checks the name: empty, taken by another source (not by itself)', () => {
    const s = source();
    expect(sourceEdit(s, { ...editFormOf(s), name: ' ' }, [])).toMatchObject({
      errors: { name: 'Give the source a name.' },
    });
    const taken = [
      { id: 'src_1', name: 'Copilot' },
      { id: 'src_2', name: 'Other' },
    ];
    expect(sourceEdit(s, { ...editFormOf(s), name: 'Other' }, taken)).toMatchObject({ ok: false });
    expect(sourceEdit(s, { ...editFormOf(s), description: 'x' }, taken)).toMatchObject({ ok: true });
  });

  it('sends a schedule only when a new one is picked, for scheduled types', () => {
    const s = source();
    const r = sourceEdit(s, { ...editFormOf(s), schedule: { kind: 'interval', seconds: 900 } }, []);
    expect(r).toMatchObject({ ok: true, edit: { change: { pollEverySec: 900 }, status: null } });
    const bad = sourceEdit(s, { ...editFormOf(s), schedule: { kind: 'cron', cron: 'not a cron' } }, []);
    expect(bad).toMatchObject({ ok: false, errors: { schedule: expect.any(String) } });
  });

  it('re-keys the secret unit of the type, never echoing the value', () => {
    const s = source();
    const r = sourceEdit(s, { ...editFormOf(s), secrets: { clientSecret: ` ${SECRET} ` } }, []);
    expect(r).toMatchObject({ ok: true, edit: { change: { secrets: { clientSecret: SECRET } } } });
    const long = sourceEdit(s, { ...editFormOf(s), secrets: { clientSecret: SECRET.repeat(200) } }, []);
    expect(long).toMatchObject({ ok: false, errors: { clientSecret: 'This value is too long.' } });
    expect(JSON.stringify(long)).not.toContain(SECRET);
  });

  it('edits only known, unarchived types', () => {
    expect(canEditSource(source())).toBe(true);
    expect(canEditSource(source({ archivedAt: '2026-01-02T00:00:00.000Z' }))).toBe(false);
    expect(canEditSource({ ...source(), sourceType: 'from_a_newer_server' })).toBe(false);
  });
});

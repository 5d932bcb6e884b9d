// Causes that fit the type: a push source with no event was sent nothing yet (and is told where
// to send); pull and S3 sources get the causes of their delivery mode; compliance keeps its own.
import { describe, expect, it } from 'vitest';
import { typeDiagnosis } from '../../../src-shared/domain/diagnosis-types';
import { SOURCE_CATALOG } from '../../../src-shared/domain/source-catalog';

const quiet = { status: 'awaiting_first_event', lastEventAt: null, archivedAt: null };

describe('per-type diagnosis', () => {
  it('a push source with no event: nothing sent yet, with where to send', () => {
    for (const type of ['otel_generic', 'claude_code', 'claude_cowork', 'workato']) {
      const d = typeDiagnosis({ ...quiet, sourceType: type })!;
      expect(d.headline).toBe('Nothing was sent to this source yet.');
      expect(d.showPushTarget).toBe(true);
      expect(d.causes[0]!.id).toBe('not_configured');
    }
    expect(typeDiagnosis({ ...quiet, sourceType: 'claude_code' })!.causes.map((c) => c.id)).toContain('telemetry_off');
  });

  it('pull and S3 sources get the causes of their mode; a disabled source says so first', () => {
    expect(typeDiagnosis({ ...quiet, sourceType: 'databricks_genie' })!.causes.map((c) => c.id)).toEqual([
      'not_pulled_yet',
      'credentials_refused',
      'no_upstream_activity',
    ]);
    const s3 = typeDiagnosis({ ...quiet, sourceType: 's3_custom', status: 'disabled' })!;
    expect(s3.causes.map((c) => c.id)).toEqual(['disabled', 'role_trust', 'no_files', 'not_pulled_yet']);
    expect(s3.showPushTarget).toBe(false);
  });

  it('says nothing where it does not apply: compliance, unknown types, archived or flowing sources', () => {
    expect(typeDiagnosis({ ...quiet, sourceType: 'claude_compliance' })).toBeNull();
    expect(typeDiagnosis({ ...quiet, sourceType: 'zapier_audit' })).toBeNull();
    expect(typeDiagnosis({ ...quiet, sourceType: 'workato', archivedAt: '2026-01-01T00:00:00Z' })).toBeNull();
    expect(typeDiagnosis({ ...quiet, sourceType: 'workato', lastEventAt: '2026-01-01T00:00:00Z' })).toBeNull();
  });

  it('covers every catalog type but compliance', () => {
    const covered = SOURCE_CATALOG.filter((e) => typeDiagnosis({ ...quiet, sourceType: e.type }) !== null);
    expect(covered).toHaveLength(SOURCE_CATALOG.length - 1);
  });
});

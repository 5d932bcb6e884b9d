// The composer's model for every source type: what a type switch keeps, the draft it sends,
// its inline errors (never echoing a secret) and the plan gate stated up front.
import { describe, expect, it } from 'vitest';
import {
  draftInput,
  emptySourceForm,
  initialType,
  planGate,
  secretsClearedBySwitch,
  sourceFormErrors,
  switchType,
  typeGroups,
} from '../../../src-shared/domain/source-form';
import { SOURCE_CATALOG } from '../../../src-shared/domain/source-catalog';
import { SourceDraft } from '../../../src-shared/domain/source-draft';

const SECRET = 'dose-super-secret-value-0123456789';

describe('source form model', () => {
  it('groups the eleven types as LangWatch does: real-time first, then synced on a schedule', () => {
    const groups = typeGroups(null);
    expect(groups.map((g) => g.title)).toEqual(['Real-time streams', 'Synced on a schedule']);
    expect(groups.flatMap((g) => g.choices.map((c) => c.entry.type)).sort()).toEqual(
      SOURCE_CATALOG.map((e) => e.type).sort(),
    );
    expect(groups[0]!.choices.every((c) => c.entry.mode === 'push')).toBe(true);
    expect(groups[1]!.choices.every((c) => c.entry.mode !== 'push')).toBe(true);
  });

  it('locks types only on a plan LangWatch reported, never on an unknown one', () => {
    const locked = (plan: Parameters<typeof typeGroups>[0]) =>
      typeGroups(plan)
        .flatMap((g) => g.choices)
        .filter((c) => c.locked)
        .map((c) => c.entry.type);
    expect(locked(null)).toEqual([]);
    expect(locked({ isEnterprise: null, cap: null, active: null })).toEqual([]);
    expect(locked({ isEnterprise: true, cap: null, active: 3 })).toEqual([]);
    expect(locked({ isEnterprise: false, cap: 3, active: 1 })).toHaveLength(10);
    expect(locked({ isEnterprise: false, cap: 3, active: 1 })).not.toContain('otel_generic');
    expect(initialType({ isEnterprise: false, cap: 3, active: 1 })).toBe('otel_generic');
    expect(initialType(null)).toBe('claude_compliance');
  });

  it('states the plan gate with the cap and how many are left, or says it is not known', () => {
    expect(planGate(null)).toMatchObject({ kind: 'unknown' });
    expect(planGate(null).text).toContain('Plan not known');
    expect(planGate({ isEnterprise: null, cap: 3, active: 1 }).kind).toBe('unknown');
    expect(planGate({ isEnterprise: true, cap: null, active: 9 }).kind).toBe('enterprise');
    const some = planGate({ isEnterprise: false, cap: 3, active: 1 });
    expect(some).toMatchObject({ kind: 'limited', left: 2 });
    expect(some.text).toContain('1 of 3 active sources in use, 2 left.');
    expect(planGate({ isEnterprise: false, cap: 3, active: 5 })).toMatchObject({ left: 0 });
    expect(planGate({ isEnterprise: false, cap: null, active: 1 }).text).toContain(
      'cap of active sources is not known',
    );
  });

  it('keeps plain values across type switches and clears secrets (never carried to another vendor)', () => {
    let form = { ...emptySourceForm('s3_custom'), name: 'Audit' };
    form = { ...form, values: { bucket: 'b1', prefix: 'p/', parserDsl: 'actor=$.a' } };
    form = switchType(form, 'openai_compliance');
    expect(form.values).toEqual({ bucket: 'b1', prefix: 'p/' });
    form = { ...form, values: { ...form.values, roleArn: 'arn:x' } };
    form = switchType(form, 'copilot_studio');
    form = { ...form, values: { tenantId: 't' }, secrets: { clientSecret: SECRET } };
    expect(secretsClearedBySwitch(form, 'databricks_genie')).toEqual(['App registration client secret']);
    form = switchType(form, 'databricks_genie');
    expect(form.secrets).toEqual({});
    expect(form.name).toBe('Audit');
    form = switchType(form, 's3_custom');
    expect(form.values).toEqual({ bucket: 'b1', prefix: 'p/', parserDsl: 'actor=$.a' });
    form = switchType(form, 'copilot_studio');
    expect(form.values).toEqual({ tenantId: 't' });
  });

  it('sends the schedule only for scheduled types, and a draft main accepts', () => {
    const push = { ...emptySourceForm('claude_cowork'), name: 'Cowork', values: { workspaceId: 'wsp_1' } };
    expect(draftInput(push)).not.toHaveProperty('pollEverySec');
    expect(SourceDraft.safeParse(draftInput(push)).success).toBe(true);
    const pull = {
      ...emptySourceForm('anthropic_admin'),
      name: 'Usage',
      values: { report: 'usage' },
      secrets: { token: SECRET },
    };
    expect(draftInput(pull)).toMatchObject({ pollEverySec: 300, secrets: { token: SECRET } });
    expect(SourceDraft.safeParse(draftInput(pull)).success).toBe(true);
  });

  it('names each missing or wrong field by its label, keyed by the field, never echoing a secret', () => {
    const form = {
      ...emptySourceForm('http_custom'),
      values: { url: 'https://x', authHeaderName: 'Authorization' },
      secrets: { token: `${SECRET}${'x'.repeat(5000)}` },
    };
    const errors = sourceFormErrors(form, []);
    expect(errors.name).toBe('Give the source a name.');
    expect(errors.eventsJsonPath).toBe('Events array JSONPath is required.');
    expect(errors.token).toBe('This value is too long.');
    expect(JSON.stringify(errors)).not.toContain(SECRET);
    const choice = sourceFormErrors(
      { ...emptySourceForm('anthropic_admin'), name: 'A', values: { report: 'both' }, secrets: { token: SECRET } },
      [],
    );
    expect(choice.report).toBe('Report must be one of usage, cost.');
    const clash = sourceFormErrors({ ...emptySourceForm('otel_generic'), name: 'Prod' }, [{ name: 'Prod' }]);
    expect(clash.name).toContain('already exists');
  });
});

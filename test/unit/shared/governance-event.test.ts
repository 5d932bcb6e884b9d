import { describe, expect, it } from 'vitest';
import {
  KNOWN_ACTOR_TYPES,
  complianceActivitiesPageSchema,
  complianceActivitySchema,
  parseActivities,
} from '../../../src-shared/domain/compliance-activity';
import {
  activityFamily,
  activityToGovernanceEvent,
  governanceEventSchema,
} from '../../../src-shared/domain/governance-event';

const base = {
  id: 'activity_01XyDMpzjS89pFZXqSFUBDr6',
  created_at: '2026-04-10T08:09:10Z',
  organization_id: 'org_01Wv6QeBcDfGhJkLmNpQrSt8',
  organization_uuid: 'abcdef01-2345-6789-abcd-ef0123456789',
};

function activity(extra: Record<string, unknown>) {
  return complianceActivitySchema.parse({ ...base, type: 'claude_chat_created', ...extra });
}

describe('actor: every actor type', () => {
  it.each([
    [
      'user_actor',
      {
        type: 'user_actor',
        email_address: 'u@example.com',
        user_id: 'user_01',
        ip_address: '192.0.2.34',
        user_agent: 'UA',
      },
      { kind: 'user_actor', id: 'user_01', email: 'u@example.com' },
    ],
    [
      'api_actor',
      { type: 'api_actor', api_key_id: 'apikey_01', ip_address: '192.0.2.1', user_agent: 'curl' },
      { kind: 'api_actor', id: 'apikey_01' },
    ],
    [
      'admin_api_key_actor',
      { type: 'admin_api_key_actor', admin_api_key_id: 'adminkey_01' },
      { kind: 'admin_api_key_actor', id: 'adminkey_01' },
    ],
    [
      'unauthenticated_user_actor',
      {
        type: 'unauthenticated_user_actor',
        unauthenticated_email_address: 'who@example.com',
        ip_address: null,
        user_agent: null,
      },
      { kind: 'unauthenticated_user_actor', id: null, email: 'who@example.com' },
    ],
    ['anthropic_actor', { type: 'anthropic_actor', email_address: null }, { kind: 'anthropic_actor', id: null }],
    [
      'scim_directory_sync_actor',
      {
        type: 'scim_directory_sync_actor',
        workos_event_id: 'evt_1',
        directory_id: 'directory_01',
        idp_connection_type: 'OktaSAML',
      },
      { kind: 'scim_directory_sync_actor', id: 'directory_01' },
    ],
    [
      'an unknown actor type passes through, its id found by the usual fields',
      { type: 'robot_actor', user_id: 'robot_7', serial: 42 },
      { kind: 'robot_actor', id: 'robot_7' },
    ],
    ['an unknown actor type with nothing we know', { type: 'ghost_actor' }, { kind: 'ghost_actor', id: null }],
    ['missing actor', undefined, { kind: 'unknown', id: null }],
    ['null actor', null, { kind: 'unknown', id: null }],
    [
      'empty strings are not ids',
      { type: 'user_actor', user_id: '', email_address: '' },
      { kind: 'user_actor', id: null },
    ],
  ])('%s', (_name, actor, expected) => {
    const input = actor === undefined ? {} : { actor };
    expect(activityToGovernanceEvent(activity(input)).actor).toEqual(expected);
  });

  it('covers all six known actor types', () => {
    expect(KNOWN_ACTOR_TYPES).toHaveLength(6);
  });
});

describe('action: type and family', () => {
  it.each([
    ['claude_chat_created', 'claude_chat'],
    ['claude_file_uploaded', 'claude_file'],
    ['claude_project_document_deleted', 'claude_project_document'],
    ['compliance_api_accessed', 'compliance_api'],
    ['user_signed_in_sso', 'user_signed_in'],
    ['org_sso_toggled', 'org_sso'],
    ['logout', 'logout'],
    ['_leading', '_leading'],
    ['trailing_', 'trailing'],
    ['', ''],
    ['brand_new_type_from_2027', 'brand_new_type_from'],
  ])('%j -> family %j', (type, family) => {
    expect(activityFamily(type)).toBe(family);
    expect(activityToGovernanceEvent(activity({ type })).action).toEqual({ type, family });
  });
});

describe('target', () => {
  it.each([
    [
      'chat in a project targets the chat',
      { claude_chat_id: 'claude_chat_1', claude_project_id: 'claude_proj_1' },
      { kind: 'claude_chat', id: 'claude_chat_1' },
    ],
    [
      'file',
      { type: 'claude_file_uploaded', claude_file_id: 'claude_file_1', filename: 'a.pdf' },
      { kind: 'claude_file', id: 'claude_file_1' },
    ],
    [
      'project',
      { type: 'claude_project_created', claude_project_id: 'claude_proj_1' },
      { kind: 'claude_project', id: 'claude_proj_1' },
    ],
    ['workspace', { type: 'workspace_created', workspace_id: 'wrkspc_1' }, { kind: 'workspace', id: 'wrkspc_1' }],
    [
      'api key',
      { type: 'api_key_created', api_key_id: 'apikey_1', workspace_id: null },
      { kind: 'api_key', id: 'apikey_1' },
    ],
    [
      'workspace beats api key',
      { type: 'api_key_created', api_key_id: 'apikey_1', workspace_id: 'wrkspc_1' },
      { kind: 'workspace', id: 'wrkspc_1' },
    ],
    [
      'unlisted *_id field of an unknown type',
      { type: 'claude_artifact_shared', claude_artifact_id: 'art_1', filename: 'x' },
      { kind: 'claude_artifact', id: 'art_1' },
    ],
    [
      'listed field wins over an unlisted one',
      { role_id: 'role_1', claude_project_id: 'claude_proj_1' },
      { kind: 'claude_project', id: 'claude_proj_1' },
    ],
    [
      'nothing specific -> organisation id',
      { type: 'compliance_api_accessed' },
      { kind: 'organization', id: base.organization_id },
    ],
    [
      'null specific ids -> organisation',
      { claude_chat_id: null, claude_file_id: '' },
      { kind: 'organization', id: base.organization_id },
    ],
    [
      'non-string ids are ignored',
      { claude_chat_id: 12345, claude_file_id: { x: 1 } },
      { kind: 'organization', id: base.organization_id },
    ],
    [
      'no organisation_id -> organisation uuid',
      { organization_id: null },
      { kind: 'organization', id: base.organization_uuid },
    ],
    [
      'no organisation at all -> unknown',
      { organization_id: null, organization_uuid: undefined },
      { kind: 'unknown', id: null },
    ],
  ])('%s', (_name, extra, expected) => {
    expect(activityToGovernanceEvent(activity(extra)).target).toEqual(expected);
  });

  it('an actor api_key_id is not a target', () => {
    const event = activityToGovernanceEvent(
      activity({ type: 'compliance_api_accessed', actor: { type: 'api_actor', api_key_id: 'apikey_9' } }),
    );
    expect(event.target).toEqual({ kind: 'organization', id: base.organization_id });
  });
});

describe('whole event', () => {
  it('maps the documented example and keeps every field in raw', () => {
    const input = {
      ...base,
      actor: {
        type: 'user_actor',
        email_address: 'user@example.com',
        user_id: 'user_01T',
        ip_address: '192.0.2.34',
        user_agent: 'Mozilla/5.0...',
      },
      type: 'claude_chat_created',
      claude_chat_id: 'claude_chat_01X',
      claude_project_id: 'claude_proj_01K',
      future_field: { nested: [1, 2] },
    };
    const event = activityToGovernanceEvent(complianceActivitySchema.parse(input));
    expect(event).toEqual({
      sourceEventId: base.id,
      time: '2026-04-10T08:09:10Z',
      actor: { kind: 'user_actor', id: 'user_01T', email: 'user@example.com' },
      action: { type: 'claude_chat_created', family: 'claude_chat' },
      target: { kind: 'claude_chat', id: 'claude_chat_01X' },
      raw: input,
    });
    expect(governanceEventSchema.parse(event)).toEqual(event);
    // JSON-safe: survives IPC unchanged.
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
  });
});

describe('complianceActivitySchema tolerance', () => {
  it.each([
    ['unknown type', { ...base, type: 'never_seen_before', actor: { type: 'user_actor' } }],
    ['unknown actor type with extra fields', { ...base, type: 'x', actor: { type: 'new_actor', anything: [1] } }],
    [
      'null organisation fields',
      {
        ...base,
        organization_id: null,
        organization_uuid: null,
        type: 'x',
        actor: { type: 'anthropic_actor', email_address: null },
      },
    ],
    ['missing organisation fields and actor', { id: 'a', created_at: '2026-01-01T00:00:00Z', type: 'x' }],
  ])('accepts %s', (_name, input) => {
    expect(complianceActivitySchema.safeParse(input).success).toBe(true);
  });

  it.each([
    ['missing id', { ...base, id: undefined, type: 'x' }, 'id'],
    ['empty id', { ...base, id: '', type: 'x' }, 'id'],
    ['missing type', { ...base }, 'type'],
    ['numeric created_at', { ...base, created_at: 1, type: 'x' }, 'created_at'],
    ['actor without type', { ...base, type: 'x', actor: { user_id: 'u' } }, 'actor'],
    ['actor email of the wrong type', { ...base, type: 'x', actor: { type: 'user_actor', email_address: 7 } }, 'actor'],
  ])('rejects %s', (_name, input, path) => {
    const result = complianceActivitySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(path);
  });

  it('parseActivities keeps the good records in order and counts the bad ones', () => {
    const items = [
      { ...base, id: 'a1', type: 't' },
      'not an object',
      { ...base, id: 'a2', type: 't' },
      { id: 'a3' },
      null,
    ];
    const parsed = parseActivities(items);
    expect(parsed.activities.map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(parsed.rejectedCount).toBe(3);
  });

  it('page schema: documented shape, null cursors on an empty page, extra fields kept', () => {
    expect(
      complianceActivitiesPageSchema.parse({ data: [], has_more: false, first_id: null, last_id: null, extra: 1 }),
    ).toEqual({
      data: [],
      has_more: false,
      first_id: null,
      last_id: null,
      extra: 1,
    });
    expect(
      complianceActivitiesPageSchema.safeParse({ data: {}, has_more: false, first_id: null, last_id: null }).success,
    ).toBe(false);
    expect(complianceActivitiesPageSchema.safeParse({ data: [] }).success).toBe(false);
  });
});

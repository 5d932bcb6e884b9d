import type { OutboxEntry } from '../../../src-main/services/outbox/entry';
import { newEntry } from '../../../src-main/services/outbox/transitions';

export const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);

/** A fresh staged create entry, with overrides. */
export function makeEntry(overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    ...newEntry({
      id: 'stg_1',
      kind: 'create',
      profileId: 'p1',
      organizationId: 'org_acme',
      owner: {
        userId: 'user_admin',
        email: 'admin@acme.test',
        name: 'Ada',
        deploymentUrl: 'http://lw.test',
        anthropicBaseUrl: 'http://anthropic.test',
      },
      marker: 'mk_1',
      sourceId: null,
      name: 'Compliance',
      description: null,
      teamId: null,
      pollEverySec: 300,
      pullSchedule: '*/5 * * * *',
      fingerprint: 'sk-ant-api01-…abcd',
      stagedOffline: false,
      now: T0,
      ttlMs: 24 * 3600_000,
    }),
    ...overrides,
  };
}

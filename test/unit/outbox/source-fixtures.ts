/** The sources with several secrets the outbox tests stage (values no real vendor issued). */
import type { OutboxStageSourceInput } from '../../../src-shared/ipc/channels/outbox';
import { ACME } from './emulator-rig';

export const WORKSPACE = 'https://adb-1234567890123456.7.azuredatabricks.net';
export const GENIE = { clientId: 'genie-client-5f2c9a7e41b3d2c8', clientSecret: 'dose+Gen/ie=Secret~9c1e7a3b5d7f' };
export const COPILOT_SECRET = 'cop.Studio~Secret_8f3b2a9d4c1e7f05';

/** Every form a secret of the unit could leak in: as is, percent-encoded, inside the stored JSON. */
export const formsOf = (...values: string[]) => [...values, ...values.map(encodeURIComponent), JSON.stringify(GENIE)];

export function genieDraft(name: string, extra: Partial<OutboxStageSourceInput> = {}): OutboxStageSourceInput {
  return {
    organizationId: ACME,
    sourceType: 'databricks_genie',
    name,
    values: { workspaceUrl: WORKSPACE },
    secrets: { ...GENIE },
    pollEverySec: 300,
    ...extra,
  };
}

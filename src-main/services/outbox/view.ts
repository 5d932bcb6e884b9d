/** The outbox records as the renderer may see them: never a secret, other people's without key facts. */
import type { OutboxEntryView } from '../../../src-shared/domain/outbox';
import type { OutboxEntry } from './entry';
import { accessOf, type Viewer } from './ownership';

/** The secret-free view of a record, as the viewer may see it (other people's: no key facts). */
export function toView(e: OutboxEntry, viewer: Viewer | null = null): OutboxEntryView {
  const access = viewer ? accessOf(e, viewer) : e.owner ? 'mine' : 'unowned';
  const own = access === 'mine';
  return {
    id: e.id,
    kind: e.kind,
    sourceType: e.sourceType,
    values: own ? e.values : {},
    state: e.state,
    organizationId: e.organizationId,
    profileId: e.profileId,
    sourceId: e.sourceId,
    name: e.name,
    description: e.description,
    teamId: e.teamId,
    pollEverySec: e.pollEverySec,
    pullSchedule: e.pullSchedule,
    keyHeld: e.keyHeld,
    fingerprint: own ? e.fingerprint : null,
    attempts: e.attempts,
    nextAttemptAt: e.nextAttemptAt,
    lastError: own ? e.lastError : null,
    preflight: own ? e.preflight : null,
    adopted: e.adopted,
    stagedAt: e.stagedAt,
    updatedAt: e.updatedAt,
    expiresAt: e.expiresAt,
    submittedAt: e.submittedAt,
    access,
    owner: e.owner ? { email: e.owner.email, name: e.owner.name, deploymentUrl: e.owner.deploymentUrl } : null,
  };
}

import type { Services } from '../../services/create-services';
import type { HandlerSlice } from '../handler-types';

/** Handlers of the `sources.*` channels (sources monitor, detail, actions, export). */
export function sourcesHandlers(services: Services): HandlerSlice<'sources'> {
  const { sourcesMonitor, sources } = services;
  return {
    'sources.snapshot': async () => sourcesMonitor.snapshot(),
    'sources.refreshNow': async () => sourcesMonitor.refreshNow(),
    'sources.setVisibility': async (visibility) => sourcesMonitor.setVisibility(visibility),
    'sources.get': async ({ id }) => sources.get(id),
    'sources.health': async ({ id }) => sources.health(id),
    'sources.events': async ({ id, beforeIso, skipIds, limit }) => sources.events(id, { beforeIso, skipIds, limit }),
    'sources.diagnose': async ({ id, justChecked }) => sources.diagnose(id, justChecked),
    'sources.localFacts': async () => sources.localFacts(),
    'sources.archived': async () => sources.archived(),
    'sources.setStatus': async ({ id, status: next }) => sources.setStatus(id, next),
    'sources.archive': async ({ id, confirmName }) => sources.archive(id, confirmName),
    'sources.archivedNames': async () => {
      const { activeProfileId, activeOrganizationId } = services.auth.state();
      return activeProfileId && activeOrganizationId
        ? services.archivedSources.names({ profileId: activeProfileId, organizationId: activeOrganizationId })
        : [];
    },
    'sources.plan': async () => sources.plan(),
    'sources.export': async ({ format, ids, staged }) => sources.export(format, ids, staged),
  };
}

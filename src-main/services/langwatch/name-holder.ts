/**
 * Who holds a source name in an organisation. LangWatch keeps a unique (organizationId, name)
 * index over every source, archived ones included, and a create or rename onto a taken name
 * fails with a bare 500 that says nothing. The list shows only live sources, so archived
 * holders are found among the source ids this console knows (it created or changed them):
 * `ingestionSources.get` still answers for archived ones.
 */
import type { Source } from '../../../src-shared/domain/langwatch';
import type { LangwatchApi } from './api';
import type { TrpcCallOptions } from './trpc';

/** Most archived candidates read one by one (each is one `get`). */
export const MAX_KNOWN_LOOKUPS = 50;

/** What to look for. */
export interface NameHolderQuery {
  organizationId: string;
  name: string;
  /** The source being renamed (it may hold its own name). */
  exceptId?: string | null;
  /** Source ids this console knows of in the organisation (archived candidates). */
  knownIds: Iterable<string>;
}

/** The source holding the name, or null when none is known to. Throws what the list throws. */
export async function findNameHolder(
  api: Pick<LangwatchApi, 'listSources' | 'getSource'>,
  q: NameHolderQuery,
  opts?: TrpcCallOptions,
): Promise<Source | null> {
  // No creation-time filter: that would compare this machine's clock with the server's. A live
  // holder that is the caller's own lost create is told apart by its marker (outbox reconcile).
  const counts = (s: Source) => s.id !== q.exceptId && s.name === q.name;
  const live = await api.listSources(q.organizationId, opts);
  const holder = live.find(counts);
  if (holder) return holder;
  const liveIds = new Set(live.map((s) => s.id));
  const candidates = [...new Set(q.knownIds)]
    .filter((id) => id !== q.exceptId && !liveIds.has(id))
    .slice(0, MAX_KNOWN_LOOKUPS);
  for (const id of candidates) {
    const source = await api.getSource(q.organizationId, id, opts).catch(() => null);
    if (source && counts(source)) return source;
  }
  return null;
}

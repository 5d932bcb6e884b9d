import { useEffect, useMemo, useState } from 'react';
import { call, lw } from '../../api/lw';
import { OPEN_OUTBOX_STATES } from '../../../src-shared/domain/outbox';
import { useOutboxStore } from '../../stores/outbox-store';
import { useSourcesStore } from '../../stores/sources-store';

/**
 * Every name a new source may not take in this organisation: live sources, creates waiting
 * in the outbox, and archived sources this console has seen (LangWatch's unique index counts
 * archived ones, yet no list returns them; main remembers those it saw).
 */
export function useTakenNames(
  organizationId: string | undefined,
): ReadonlyArray<{ id?: string; name: string; archived?: boolean }> {
  const sources = useSourcesStore((s) => s.sources);
  const outbox = useOutboxStore((s) => s.entries);
  const [archived, setArchived] = useState<ReadonlyArray<{ id: string; name: string }>>([]);
  const liveCount = sources.length;

  // Reloaded when the live list changes size: a source that left it was archived.
  useEffect(() => {
    let alive = true;
    void call(() => lw().sources.archivedNames({})).then((r) => alive && r.ok && setArchived(r.value));
    return () => {
      alive = false;
    };
  }, [organizationId, liveCount]);

  return useMemo(() => {
    const staged = outbox
      .filter((e) => e.kind === 'create' && e.organizationId === organizationId && OPEN_OUTBOX_STATES.includes(e.state))
      .map((e) => ({ name: e.name }));
    const live = sources.filter((s) => s.organizationId === organizationId).map((s) => ({ id: s.id, name: s.name }));
    return [...live, ...staged, ...archived.map((a) => ({ ...a, archived: true }))];
  }, [sources, outbox, archived, organizationId]);
}

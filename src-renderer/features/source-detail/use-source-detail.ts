// Loads one source, its health and this console's history for the detail view, again on reload.
import { useCallback, useEffect, useState } from 'react';
import type { Source } from '../../../src-shared/domain/langwatch';
import type { SourceHistoryItem } from '../../../src-shared/domain/outbox';
import type { ErrorData } from '../../../src-shared/errors';
import { call, lw } from '../../api/lw';
import type { HealthState } from './HealthCard';

/** The detail's data, starting from the list's row; `reload` fetches everything again. */
export function useSourceDetail(id: string, row: Source | null) {
  const [source, setSource] = useState<Source | null>(row);
  const [loadError, setLoadError] = useState<ErrorData | null>(null);
  const [health, setHealth] = useState<HealthState>({ kind: 'loading' });
  const [history, setHistory] = useState<SourceHistoryItem[] | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    void call(() => lw().sources.get({ id })).then((r) => {
      if (!live) return;
      if (r.ok) {
        setSource(r.value);
        setLoadError(null);
      } else setLoadError(r.error);
    });
    void call(() => lw().sources.health({ id })).then((r) => {
      if (!live) return;
      setHealth(
        r.ok
          ? r.value.kind === 'ok'
            ? { kind: 'ok', value: r.value.value }
            : r.value
          : { kind: 'error', error: r.error },
      );
    });
    void call(() => lw().outbox.history({ sourceId: id })).then((r) => live && setHistory(r.ok ? r.value : []));
    return () => {
      live = false;
    };
  }, [id, version]);

  return { source, loadError, health, history, version, reload };
}

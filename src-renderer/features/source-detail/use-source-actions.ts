// What the detail's admin actions do (stage an update, set the status) and what they answered.
import { useState } from 'react';
import type { Source } from '../../../src-shared/domain/langwatch';
import { call, lw } from '../../api/lw';

type Result = { ok: boolean; message: string } | null;
/** What an update changes: a new key alone, or a new cadence alone. */
export type UpdateChange = { key: string } | { pollEverySec: number };

/** Runs one admin action at a time on a source; the answer is kept for the status line. */
export function useSourceActions(source: Source, onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);

  async function run(
    label: string,
    action: () => Promise<{ ok: true; message: string } | { ok: false; message: string }>,
  ) {
    setBusy(true);
    setResult(null);
    const outcome = await action();
    setBusy(false);
    setResult({ ok: outcome.ok, message: `${label}: ${outcome.message}` });
    if (outcome.ok) onDone();
  }

  // The change is read when the action starts, so a key is taken (and its field cleared) at submit.
  const stage = (label: string, change: () => UpdateChange) =>
    run(label, async () => {
      const r = await call(() =>
        lw().outbox.stage({
          kind: 'update',
          organizationId: source.organizationId,
          sourceId: source.id,
          name: source.name,
          ...change(),
        }),
      );
      if (!r.ok) return { ok: false, message: r.error.message };
      const fp = r.value.fingerprint ? ` with key ${r.value.fingerprint}` : '';
      return {
        ok: true,
        message: `staged${fp}; the outbox submits it (see Outbox for its progress).${r.value.warning ? ` ${r.value.warning}` : ''}`,
      };
    });

  const setStatus = (status: 'active' | 'disabled') =>
    run(status === 'disabled' ? 'Disable' : 'Enable', async () => {
      const r = await call(() => lw().sources.setStatus({ id: source.id, status }));
      return r.ok
        ? { ok: true, message: `done, status is now ${r.value.status}.` }
        : { ok: false, message: r.error.message };
    });

  return { busy, result, stage, setStatus };
}

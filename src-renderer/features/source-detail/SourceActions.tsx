import { useRef, useState } from 'react';
import { CADENCE_PRESETS } from '../../../src-shared/domain/cadence';
import type { Source } from '../../../src-shared/domain/langwatch';
import { cadenceOf } from '../../../src-shared/domain/sources';
import { call, lw } from '../../api/lw';
import { EMPTY_KEY, KeyField, type KeyFieldHandle, type KeyStatus } from '../key-checks/KeyField';

type Result = { ok: boolean; message: string } | null;

/**
 * Admin actions (shown only with ingestionSources:manage, never in support mode). Cadence
 * and key changes are staged in the outbox like a new source; status is direct. Archiving
 * lives apart, in the danger zone.
 */
export function SourceActions({
  source,
  scheduleText,
  onDone,
}: {
  source: Source;
  scheduleText: string;
  onDone(): void;
}) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);
  const current = cadenceOf(source);
  const [cadence, setCadence] = useState<number>(current ?? 900);
  const keyField = useRef<KeyFieldHandle>(null);
  const [keyStatus, setKeyStatus] = useState<KeyStatus>(EMPTY_KEY);
  const archived = source.archivedAt !== null;
  const isCompliance = source.sourceType === 'claude_compliance';

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

  const stage = (withKey: boolean) =>
    run(withKey ? 'Replace key' : 'Change cadence', async () => {
      // Taken (and the field cleared) at submit: the key never outlives the call.
      const key = withKey ? (keyField.current?.take() ?? '') : '';
      const r = await call(() =>
        lw().outbox.stage({
          kind: 'update',
          organizationId: source.organizationId,
          sourceId: source.id,
          name: source.name,
          // A new key alone sends no schedule: one set elsewhere (the web composer's cron) stays as written.
          ...(withKey ? { key } : { pollEverySec: cadence }),
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

  return (
    <div className="card" data-testid="source-actions">
      <h2>Actions</h2>
      {isCompliance && !archived && (
        <>
          <h3>Cadence</h3>
          <div className="row">
            <select
              value={cadence}
              onChange={(e) => setCadence(Number(e.target.value))}
              aria-label="New cadence"
              id="cadence-select"
              data-testid="cadence-select"
            >
              {CADENCE_PRESETS.map((p) => (
                <option key={p.seconds} value={p.seconds}>
                  {p.label}
                </option>
              ))}
            </select>
            <button type="button" disabled={busy} onClick={() => void stage(false)} data-testid="change-cadence">
              Change cadence
            </button>
            <span className="muted" data-testid="schedule-now">
              now: {scheduleText}
            </span>
          </div>
          <h3>Replace key</h3>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (!keyStatus.empty) void stage(true);
            }}
          >
            <KeyField
              ref={keyField}
              label="New compliance key"
              id="replace-key-input"
              testId="replace-key-input"
              onStatus={setKeyStatus}
            />
            <button type="submit" disabled={busy || keyStatus.empty} data-testid="replace-key">
              Replace key
            </button>
          </form>
        </>
      )}
      {!archived && (
        <>
          <h3>Status</h3>
          <div className="row">
            {source.status === 'disabled' ? (
              <button
                type="button"
                disabled={busy}
                onClick={() => void setStatus('active')}
                id="enable-source"
                data-testid="enable-source"
              >
                Enable
              </button>
            ) : (
              <button
                type="button"
                disabled={busy}
                onClick={() => void setStatus('disabled')}
                data-testid="disable-source"
              >
                Disable
              </button>
            )}
          </div>
        </>
      )}
      {result && (
        <p role="status" className="action-result" data-testid="action-result" data-ok={String(result.ok)}>
          {result.message}
        </p>
      )}
    </div>
  );
}

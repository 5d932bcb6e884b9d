// Loads a source's diagnosis and copies its report, apart from the panel that shows both.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Diagnosis } from '../../../src-shared/domain/diagnosis';
import { withHealthAnswer } from '../../../src-shared/domain/diagnosis-facts';
import { diagnosisReport } from '../../../src-shared/domain/diagnosis-report';
import type { ErrorData } from '../../../src-shared/errors';
import type { ChannelInput } from '../../../src-shared/ipc/contract';
import { call, lw } from '../../api/lw';
import { useAppStore } from '../../stores/app-store';
import { selectActiveOrganization, useAuthStateStore } from '../../stores/auth-state-store';
import type { HealthState } from './HealthCard';

/** A key check just made in the panel, which the diagnosis weighs as evidence. */
export type JustChecked = NonNullable<ChannelInput<'sources.diagnose'>['justChecked']>;

/**
 * The diagnosis of one source, asked again when `version` or the just-made key check changes.
 * Main answers with what it knows at once; the source's health (the detail's own read, which
 * may take its full deadline) fills in its row when it arrives, or says why it is unavailable.
 */
export function useDiagnosis(id: string, version: number, justChecked: JustChecked | null, health: HealthState) {
  const [diagnosis, setDiagnosis] = useState<Diagnosis | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);
  useEffect(() => {
    let live = true;
    void call(() => lw().sources.diagnose({ id, ...(justChecked ? { justChecked } : {}) })).then((r) => {
      if (!live) return;
      if (r.ok) setDiagnosis(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [id, version, justChecked]);
  const shown = useMemo(() => {
    if (!diagnosis || health.kind === 'loading') return diagnosis;
    return withHealthAnswer(diagnosis, health.kind === 'error' ? { kind: 'unavailable', error: health.error } : health);
  }, [diagnosis, health]);
  return { diagnosis: shown, error };
}

/** Copies the diagnosis as a plain-text report for an operator, with where it came from. */
export function useDiagnosisReport(
  diagnosis: Diagnosis | null,
  source: { id: string; name: string },
  profile: { baseUrl: string } | null,
) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const organization = useAuthStateStore(selectActiveOrganization);
  const version = useAppStore((s) => s.info?.version ?? 'unknown');
  const { id, name } = source;
  const copyReport = useCallback(async () => {
    if (!diagnosis) return;
    const text = diagnosisReport(diagnosis, {
      sourceId: id,
      sourceName: name,
      deployment: profile?.baseUrl ?? 'unknown',
      organization: organization ? `${organization.name} (${organization.id})` : 'unknown',
      generatedAt: new Date().toISOString(),
      consoleVersion: version,
    });
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  }, [diagnosis, id, name, profile, organization, version]);
  return { copied, copyReport };
}

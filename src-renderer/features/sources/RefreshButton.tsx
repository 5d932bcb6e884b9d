/**
 * "Refresh now", honest about time: after a few seconds it says the refresh is still running
 * and for how long; one that does not come back is cut here (main's request deadline is 20 s)
 * and said so, and the button works again. The list keeps what it had meanwhile.
 */
import { useEffect, useRef, useState } from 'react';
import { formatDuration } from '../../../src-shared/domain/duration';
import { useSourcesStore } from '../../stores/sources-store';

/** After this long, the button says the refresh is still running. */
export const SLOW_AFTER_MS = 3_000;
/** After this long, the refresh is given up here (a little over main's 20 s request deadline). */
export const CUT_AFTER_MS = 25_000;

type State = { kind: 'idle' } | { kind: 'running'; since: number; run: number } | { kind: 'cut'; message: string };

export function RefreshButton() {
  const refreshNow = useSourcesStore((s) => s.refreshNow);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [now, setNow] = useState(() => Date.now());
  const runs = useRef(0);
  const running = state.kind === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [running]);

  const elapsed = state.kind === 'running' ? now - state.since : 0;
  useEffect(() => {
    if (state.kind === 'running' && elapsed >= CUT_AFTER_MS) {
      setState({
        kind: 'cut',
        message: `The refresh was cut after ${formatDuration(CUT_AFTER_MS / 1000)}: LangWatch did not answer. The list shows what it had; it refreshes again by itself.`,
      });
    }
  }, [state.kind, elapsed]);

  function start() {
    const run = ++runs.current;
    const since = Date.now();
    setNow(since);
    setState({ kind: 'running', since, run });
    void refreshNow().then((error) => {
      // A refresh already given up (or a newer one) does not overwrite what is shown now.
      setState((s) => {
        if (s.kind !== 'running' || s.run !== run) return s;
        if (error?.code === 'network.timeout') return { kind: 'cut', message: `The refresh was cut: ${error.message}` };
        return { kind: 'idle' };
      });
    });
  }

  const slow = running && elapsed >= SLOW_AFTER_MS;
  return (
    <>
      <button type="button" onClick={start} disabled={running} data-testid="refresh-now" data-state={state.kind}>
        {running ? (slow ? `Refreshing… ${formatDuration(elapsed / 1000)}` : 'Refreshing…') : 'Refresh now'}
      </button>
      <span role="status" className="refresh-note muted" data-testid="refresh-note">
        {slow ? 'Still refreshing: LangWatch is slow to answer.' : state.kind === 'cut' ? state.message : ''}
      </span>
    </>
  );
}

import { useRef, useState } from 'react';
import type { FeedFact, KeyCheckFact } from '../../../src-shared/domain/diagnosis';
import { call, lw } from '../../api/lw';
import { KeyField, type KeyFieldHandle } from '../key-checks/KeyField';

interface Props {
  profileId: string;
  /** The source diagnosed: a definitive verdict is remembered for it (its row and the strip show it). */
  sourceId: string;
  onChecked(result: { keyCheck: KeyCheckFact; feed: FeedFact | null }): void;
  onClose(): void;
}

/**
 * "Test key again" from the diagnosis: LangWatch never returns the stored key and this
 * console wipes its copy once submitted, so the admin pastes it; it is sent once to the
 * check and the preview, never kept (the field is cleared at once), and only the verdict,
 * its request-id and the feed count go back to the diagnosis.
 */
export function KeyRecheck({ profileId, sourceId, onChecked, onClose }: Props) {
  const field = useRef<KeyFieldHandle>(null);
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'running' } | { kind: 'failed'; message: string }>({
    kind: 'idle',
  });

  async function run() {
    const key = field.current?.take() ?? '';
    if (!key) return;
    setState({ kind: 'running' });
    const checked = await call(() => lw().keyChecks.checkTyped({ profileId, key, sourceId }));
    if (!checked.ok) return setState({ kind: 'failed', message: checked.error.message });
    const v = checked.value.verdict;
    const keyCheck: KeyCheckFact = {
      verdict: v.verdict,
      requestId: v.requestId,
      checkedAt: v.checkedAt,
      fingerprint: checked.value.fingerprint,
      origin: 'just_now',
    };
    let feed: FeedFact | null = null;
    if (v.verdict === 'valid') {
      const preview = await call(() => lw().keyChecks.previewTyped({ profileId, key }));
      if (preview.ok) {
        const p = preview.value.preview;
        feed = {
          activities: p.activities.length + p.rejectedCount,
          hasMore: p.hasMore,
          fetchedAt: p.fetchedAt,
          requestId: p.requestId,
        };
      }
    }
    setState({ kind: 'idle' });
    onChecked({ keyCheck, feed });
  }

  return (
    <form
      className="key-recheck row"
      data-testid="key-recheck"
      data-state={state.kind}
      onSubmit={(e) => {
        e.preventDefault();
        void run();
      }}
    >
      <KeyField
        ref={field}
        label="Compliance key to test again"
        testId="key-recheck-input"
        help="Sent once to the check and the preview, never kept."
        autoFocus
      />
      <button type="submit" className="primary" disabled={state.kind === 'running'} data-testid="key-recheck-run">
        {state.kind === 'running' ? 'Testing…' : 'Test key and preview feed'}
      </button>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
      {state.kind === 'failed' && <p role="alert">{state.message}</p>}
    </form>
  );
}

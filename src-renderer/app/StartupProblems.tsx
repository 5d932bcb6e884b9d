import { useAppStore } from '../stores/app-store';

// One empty list for every render: a fresh `[]` from a selector would re-render forever.
const NONE: never[] = [];

/**
 * What went wrong at start, said at the top of every view: the keychain missing (with its fix
 * and a button to check again once fixed), a damaged file moved aside. Never a silent start.
 */
export function StartupProblems() {
  const problems = useAppStore((s) => s.info?.problems ?? NONE);
  const recheck = useAppStore((s) => s.recheckKeychain);
  const rechecking = useAppStore((s) => s.rechecking);
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="error-panel" data-testid="startup-problems">
      <h2>
        {problems.some((p) => p.area === 'keychain')
          ? 'The system keychain is not available'
          : 'Something was wrong at start'}
      </h2>
      {problems.map((p) => (
        <p key={`${p.area}:${p.code}:${p.message}`} data-area={p.area}>
          {p.message}
        </p>
      ))}
      {problems.some((p) => p.area === 'keychain') && (
        <button type="button" onClick={() => void recheck()} disabled={rechecking} data-testid="recheck-keychain">
          {rechecking ? 'Checking…' : 'Check the keychain again'}
        </button>
      )}
    </div>
  );
}

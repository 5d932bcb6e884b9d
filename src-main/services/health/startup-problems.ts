/**
 * What went wrong at start that the person must know about (a damaged file moved aside, the
 * keychain missing), answered with `app.info` so the window shows it however early it asks.
 * Problems that can heal (the keychain) are read live; a damaged file stays reported for the run.
 */
import type { AppError, ErrorData } from '../../../src-shared/errors';

/** One problem as the renderer shows it. */
export interface StartupProblem {
  area: 'keychain' | 'outbox' | 'profiles';
  code: string;
  message: string;
}

/** The collector: services report into it, `app.info` reads it. */
export interface StartupProblems {
  report(area: StartupProblem['area'], error: AppError): void;
  list(): StartupProblem[];
}

/** Creates the collector; `keychainProblem` is read on every `list()`. */
export function createStartupProblems(keychainProblem: () => ErrorData | null): StartupProblems {
  const reported: StartupProblem[] = [];
  return {
    report(area, error) {
      reported.push({ area, code: error.code, message: error.message });
    },
    list() {
      const keychain = keychainProblem();
      return [
        ...(keychain ? [{ area: 'keychain' as const, code: keychain.code, message: keychain.message }] : []),
        ...reported,
      ];
    },
  };
}

/** An emulator and the source checks pointed at it, with a leak check over everything that left them. */
import { afterEach, expect } from 'vitest';
import { SEED, startEmulator, VENDOR_SECRETS, type RunningEmulator } from '../../../emulator';
import { createMemoryLogger } from '../../../src-main/services/logging/logger';
import {
  createSourceChecks,
  type SourceChecksOptions,
  type StagedSourceReader,
} from '../../../src-main/services/source-checks';
import { AppError } from '../../../src-shared/errors';

/** Every seeded secret a check may send: none may appear in a log line or an answer. */
export const ALL_SECRETS: string[] = [SEED.anthropicKeys.admin, SEED.anthropicKeys.compliance, ...VENDOR_SECRETS];

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

/** Starts an emulator and the checks (loopback allowed unless `allowLoopback: false`). */
export async function startChecks(
  opts: Partial<Pick<SourceChecksOptions, 'allowLoopback' | 'timeoutMs' | 'onStagedComplianceVerdict'>> & {
    readStaged?: StagedSourceReader;
  } = {},
) {
  const emu = await startEmulator({ pullerSchedule: false, faultRandom: () => 0 });
  running.push(emu);
  const log = createMemoryLogger();
  const checks = createSourceChecks({
    anthropicBaseUrlOf: async (id) => {
      if (id !== 'p1') throw new AppError('profile.not_found', 'gone');
      return emu.anthropicUrl;
    },
    activeProfileId: () => 'p1',
    readStaged: opts.readStaged ?? (() => Promise.reject(new AppError('outbox.not_found', 'none'))),
    allowLoopback: opts.allowLoopback ?? true,
    log,
    now: () => Date.now(),
    timeoutMs: opts.timeoutMs ?? 3000,
    onStagedComplianceVerdict: opts.onStagedComplianceVerdict,
  });
  /** The log and every value given: no seeded secret in any of them, in any case. */
  const noLeak = (...values: unknown[]) => {
    const text = [log.text(), JSON.stringify(values)].join('\n');
    for (const secret of ALL_SECRETS) expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
  };
  /** Paths the emulator was asked, by side. */
  const asked = (side: 'anthropic' | 'vendors') =>
    emu.control
      .requestLog()
      .filter((r) => r.side === side)
      .map((r) => r.path);
  return { emu, checks, log, noLeak, asked };
}

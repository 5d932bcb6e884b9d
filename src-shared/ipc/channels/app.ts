import { z } from 'zod';
import { channel, noInput } from '../define';

/** App-level channels: identity of the running console and self-checks. */
export const appChannels = {
  'app.info': channel({
    summary: 'Version, mode and where data and logs live.',
    input: noInput,
    output: z.object({
      version: z.string(),
      mode: z.enum(['app', 'demo', 'test']),
      userDataDir: z.string(),
      logsDir: z.string(),
      secretBackend: z.enum(['keychain', 'memory']),
      /** What went wrong at start and how to fix it (keychain missing, a damaged file moved aside). */
      problems: z.array(
        z.object({
          area: z.enum(['keychain', 'outbox', 'profiles']),
          code: z.string().max(80),
          message: z.string().max(2000),
        }),
      ),
    }),
  }),
  'app.checkKeychain': channel({
    summary: 'Round-trips a throwaway entry through the OS keychain to prove it works.',
    input: noInput,
    output: z.object({ ok: z.literal(true), roundTripMs: z.number().nonnegative() }),
  }),
};

/** Push events of the app domain (main -> renderer). */
export const appEvents = {
  'app.notice': z.object({
    level: z.enum(['info', 'warning', 'error']),
    message: z.string().max(500),
  }),
};

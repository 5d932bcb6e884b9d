import { z } from 'zod';

/**
 * How this run of the console is configured. Test seams (a private user-data dir, emulator
 * URLs, the in-memory secret store) are honoured ONLY when LW_TEST_MODE=1 or in demo mode,
 * so a stray environment variable on an admin's desktop cannot redirect keys elsewhere.
 */
export const runtimeConfigSchema = z.object({
  mode: z.enum(['app', 'demo', 'test']),
  userDataDir: z.string().min(1),
  secretBackend: z.enum(['keychain', 'memory']),
  /** Seeds the first profile when none exists (demo/test: the emulator). */
  defaultLangwatchUrl: z.string().url(),
  defaultAnthropicUrl: z.string().url(),
  /** Demo only (`LW_DEMO_DEPLOYMENTS`, JSON): further deployment profiles added at start when missing. */
  demoDeployments: z
    .array(
      z.object({ name: z.string().min(1).max(128), baseUrl: z.string().url(), anthropicBaseUrl: z.string().url() }),
    )
    .max(50)
    .optional(),
});
export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

export const PRODUCTION_LANGWATCH_URL = 'https://app.langwatch.ai';
export const PRODUCTION_ANTHROPIC_URL = 'https://api.anthropic.com';

/** Resolves the config from the environment and argv; pure, so it is unit-tested. */
export function resolveRuntimeConfig(
  env: Record<string, string | undefined>,
  argv: readonly string[],
  platformUserDataDir: string,
): RuntimeConfig {
  const mode = env.LW_TEST_MODE === '1' ? 'test' : argv.includes('--demo') || env.LW_DEMO === '1' ? 'demo' : 'app';
  const seamsAllowed = mode !== 'app';
  const pick = (value: string | undefined, fallback: string) => (seamsAllowed && value ? value : fallback);
  return runtimeConfigSchema.parse({
    mode,
    userDataDir: pick(env.LW_USER_DATA_DIR, platformUserDataDir),
    secretBackend: mode === 'test' && env.LW_SECRET_BACKEND === 'memory' ? 'memory' : 'keychain',
    defaultLangwatchUrl: pick(env.LW_LANGWATCH_URL, PRODUCTION_LANGWATCH_URL),
    defaultAnthropicUrl: pick(env.LW_ANTHROPIC_URL, PRODUCTION_ANTHROPIC_URL),
    demoDeployments: mode === 'demo' ? demoDeployments(env.LW_DEMO_DEPLOYMENTS) : undefined,
  });
}

/** The demo's further deployments; unreadable JSON is refused with the variable's name. */
function demoDeployments(raw: string | undefined): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new Error('LW_DEMO_DEPLOYMENTS must be a JSON array of {name, baseUrl, anthropicBaseUrl}.');
  }
}

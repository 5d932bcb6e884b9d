import { defineConfig } from 'vitest/config';

// Unit and contract tests: plain Node, no keyring, no browser. The keyring integration
// tests have their own config (vitest.keyring.config.mts) because they need a D-Bus session.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/emulator/**/*.test.ts', 'test/reliability/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});

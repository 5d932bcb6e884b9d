import { defineConfig } from 'vitest/config';

// Integration tests against the real OS keychain (gnome-keyring over a private D-Bus session,
// started by scripts/with-keyring.sh). Run separately so unit tests never touch a keyring.
export default defineConfig({
  test: {
    include: ['test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    fileParallelism: false,
  },
});

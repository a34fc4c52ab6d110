import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Integration files each get their own database and Redis prefix, so they may run in parallel;
    // two forks match the two cores of the CI machine.
    pool: 'forks',
    maxWorkers: 2,
    // Above two of the helpers' default waits (25 s each, tests/helpers/harness.ts and sse.ts) in a row, so
    // a slow condition fails with the wait's own message rather than the test's timeout.
    testTimeout: 60_000,
    // A file's beforeAll may start an API and workers and publish a whole article before its first test;
    // on a shared two-core machine that alone has taken over a minute. Timeouts only catch hangs here: what
    // a test checks never depends on them.
    hookTimeout: 180_000,
  },
});

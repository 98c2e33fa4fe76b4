import { defineConfig } from 'vitest/config';

/**
 * Integration tests that read or sabotage the SQLite file itself, or (health) hold SQLite's restore of
 * every session at start, which processes sharing PostgreSQL do not do: not run on PostgreSQL.
 */
const SQLITE_ONLY = ['storage-failure', 'log-layout', 'checkpoints', 'restart', 'command-path', 'health'];

/**
 * Three layers (test/README.md): pure machine and time tests, integration tests with a real
 * server and real sockets, end-to-end tests in real Chromium. `npm test` runs all three.
 */
export default defineConfig({
  test: {
    root: '.',
    environment: 'node',
    pool: 'forks',
    projects: [
      {
        extends: true,
        // Property tests run hundreds of sessions: generous timeouts keep a busy machine from failing them.
        test: {
          name: 'unit',
          include: ['test/machine/**/*.test.ts', 'test/shared/**/*.test.ts', 'test/client/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        // What the docs claim, checked against the code and the tests (test/docs/claims.test.ts).
        test: { name: 'docs', include: ['test/docs/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 },
      },
      {
        extends: true,
        test: { name: 'security', include: ['test/security/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 },
      },
      {
        extends: true,
        test: { name: 'privacy', include: ['test/privacy/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 },
      },
      {
        extends: true,
        test: { name: 'review', include: ['test/review/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 30_000 },
      },
      {
        extends: true,
        // The stores against one contract, on real databases: SQLite, and a PostgreSQL the worker
        // starts itself (test/support/postgres.ts) unless HOLDSPACE_TEST_DATABASE_URL names one.
        test: { name: 'store', include: ['test/store/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        // The integration suite again, on PostgreSQL (issue 19): a database per server on the
        // worker's own PostgreSQL. The files that read or break SQLite's file directly are its own.
        test: {
          name: 'integration-pg',
          include: ['test/integration/**/*.test.ts'],
          exclude: SQLITE_ONLY.map((name) => `test/integration/${name}.test.ts`),
          env: { HOLDSPACE_TEST_STORE: 'postgres' },
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        // Fault tests (issue 6): kill -9, a 30 s network cut, fuzz, a failing disk, a soak. Each file
        // is bounded; the project runs in about three minutes.
        test: { name: 'faults', include: ['test/faults/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        // Several Holdspace processes on one PostgreSQL (issue 19): kill -9, a freeze past the TTL,
        // a drain, sign-out across processes, one run through nginx. One file at a time: each
        // starts its own processes.
        test: {
          name: 'cluster',
          include: ['test/cluster/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        // HTTPS on a clinic LAN (issue 20): the local CA, renewal, the trust page and redirects.
        test: { name: 'tls', include: ['test/tls/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // One browser at a time: two cores cannot host parallel Chromium suites reliably.
          fileParallelism: false,
        },
      },
    ],
  },
});

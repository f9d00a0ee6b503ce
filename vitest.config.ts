import { defineConfig } from 'vitest/config';

// Integration tests run twice: on PGlite always, and on real Postgres when TEST_DATABASE_URL is
// set. Under CI=true the Postgres project always runs, so a missing database fails instead of
// skipping (test/support/database.ts throws).
const realPostgres = Boolean(process.env.TEST_DATABASE_URL) || process.env.CI === 'true';
// The bus contract suite needs Kafka and daprd (scripts/infra/up-all exports KAFKA_BROKERS). Under
// CI=true it always runs, so missing brokers fail instead of skipping (test/bus/brokers.ts).
const realBrokers = Boolean(process.env.KAFKA_BROKERS) || process.env.CI === 'true';

const integration = (name: string, db: string) => ({
  extends: true as const,
  test: {
    name,
    include: ['test/integration/**/*.test.ts'],
    env: { TEST_DB: db },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    setupFiles: ['test/support/setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'contract/**/*.test.ts'],
          env: { TZ: 'UTC', EXPECTED_TZ_OFFSET_MINUTES: '0' },
        },
      },
      // Recurrence again in a process zone far from UTC: results must not depend on it.
      {
        extends: true,
        test: {
          name: 'unit-kolkata',
          include: ['src/domain/recurrence/**/*.test.ts'],
          env: { TZ: 'Asia/Kolkata', EXPECTED_TZ_OFFSET_MINUTES: '-330' },
        },
      },
      // Quick add's phrase table again in a process zone far from UTC.
      {
        extends: true,
        test: {
          name: 'unit-kolkata-quickadd',
          include: ['src/domain/quick-add/**/*.test.ts'],
          env: { TZ: 'Asia/Kolkata' },
        },
      },
      integration('pglite', 'pglite'),
      // The recurrence API once more in a process zone far from UTC (and with a half-hour offset).
      {
        extends: true,
        test: {
          name: 'pglite-kolkata',
          include: ['test/integration/recurrence.test.ts'],
          env: { TEST_DB: 'pglite', TZ: 'Asia/Kolkata' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(realPostgres ? [integration('postgres', 'pg')] : []),
      ...(realBrokers
        ? [
            {
              extends: true as const,
              test: {
                name: 'bus',
                include: ['test/bus/**/*.test.ts'],
                testTimeout: 120_000,
                hookTimeout: 180_000,
              },
            },
          ]
        : []),
    ],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts', 'src/db/migrations/**'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: { lines: 85 },
    },
  },
});

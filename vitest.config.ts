import { defineConfig } from 'vitest/config';

// Integration tests run twice: on PGlite always, and on real Postgres when TEST_DATABASE_URL is
// set. Under CI=true the Postgres project always runs, so a missing database fails instead of
// skipping (test/support/database.ts throws).
const realPostgres = Boolean(process.env.TEST_DATABASE_URL) || process.env.CI === 'true';
// The bus contract suite needs Kafka and daprd (scripts/infra/up-all exports KAFKA_BROKERS). Under
// CI=true it always runs, so missing brokers fail instead of skipping (test/bus/brokers.ts).
const realBrokers = Boolean(process.env.KAFKA_BROKERS) || process.env.CI === 'true';
// The end-to-end journey (test/e2e) runs against the embedded default always, and against the
// distributed shape (deploy/local/up: Kafka, daprd, one process per role) with the brokers, or on
// request (npm run test:e2e:distributed). The fault suite needs that shape too and runs for minutes
// (Kafka is stopped for 60 s): under CI=true, or on request (npm run test:faults). Under CI=true
// missing infrastructure fails them, never skips them.
const distributedE2e = realBrokers || process.env.E2E_SHAPE === 'distributed';
const faults = process.env.CI === 'true' || process.env.FAULTS === '1';

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
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          exclude: ['test/e2e/web.e2e.test.ts'],
          globalSetup: ['test/e2e/support/build-server.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      // The web app's pure logic (web/src/**/*.test.ts), in a zone far from UTC: it must not depend
      // on the process zone.
      {
        extends: true,
        test: { name: 'web', include: ['web/src/**/*.test.ts'], env: { TZ: 'America/St_Johns' } },
      },
      // The web app in Debian's Chromium against `taskstream serve` (test/e2e/web.e2e.test.ts); the
      // global setup builds web/dist and the server bundle when older than their sources. Without Chromium it skips
      // locally and fails under CI=true.
      {
        extends: true,
        test: {
          name: 'e2e-web',
          include: ['test/e2e/web.e2e.test.ts'],
          globalSetup: ['test/e2e/support/build-web.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      // The image's production bundle, the Helm chart and the workflows, checked without Docker or a
      // cluster (helm, kubernetes-validate, CRD schemas, actionlint from scripts/infra). Missing
      // tools skip locally and fail under CI=true, naming the script that provides them.
      {
        extends: true,
        test: {
          name: 'deploy',
          include: ['test/deploy/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      ...(distributedE2e
        ? [
            {
              extends: true as const,
              test: {
                name: 'e2e-distributed',
                include: ['test/e2e/**/*.test.ts'],
                exclude: ['test/e2e/web.e2e.test.ts'],
                globalSetup: ['test/e2e/distributed-setup.ts'],
                testTimeout: 120_000,
                hookTimeout: 600_000,
              },
            },
          ]
        : []),
      ...(faults
        ? [
            {
              extends: true as const,
              test: {
                name: 'faults',
                include: ['test/faults/**/*.test.ts'],
                globalSetup: ['test/faults/setup.ts'],
                // One deployment, one Kafka: the cases take turns breaking it.
                fileParallelism: false,
                testTimeout: 360_000,
                hookTimeout: 600_000,
              },
            },
          ]
        : []),
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
            {
              extends: true as const,
              test: {
                // Secrets, state, Jobs against a real daprd with deploy/dapr/components (ADR 008).
                name: 'dapr',
                include: ['test/dapr/**/*.test.ts'],
                env: { TEST_DB: 'pg' },
                testTimeout: 60_000,
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

// The environment settings every benchmark shares.

/** An integer setting: the variable when it holds a number, else the fallback. */
export function int(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(value) ? value : fallback;
}

/**
 * The admin URL of the real Postgres the benchmarks create scratch databases on (its role needs
 * CREATEDB): BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the scripts/infra default.
 */
export function adminUrl(): string {
  return (
    process.env.BENCH_DATABASE_URL ||
    process.env.TEST_DATABASE_URL ||
    'postgres://taskstream:taskstream@127.0.0.1:5432/taskstream'
  );
}

// Global setup of the `faults` project: a distributed shape of its own (deploy/local/up on ports
// 26000+, its own run directory, database and — since the cases stop it — its own Kafka broker on
// 19592, which no one else uses), shared by the cases one after another, and torn down with
// deploy/local/down --wipe at the end (FAULTS_KEEP=1 leaves it running for a post-mortem).
import type { TestProject } from 'vitest/node';
import { runLocal } from './deployment.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    faultsUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = await runLocal('up');
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url))
    throw new Error(`deploy/local/up printed "${url}", not a base URL`);
  project.provide('faultsUrl', url);
  return async () => {
    if (process.env.FAULTS_KEEP === '1') return;
    await runLocal('down', ['--wipe']);
  };
}

// The GitHub Actions workflows: actionlint-clean (with shellcheck on every run: script), CI doing what
// .ci/run does, the release building a multi-arch image with SBOM and provenance and pushing the
// chart as an OCI artifact, and the deploy being atomic, protected, smoke-tested and rolled back.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionlint, available, ROOT, run } from './tools.ts';

const DIR = join(ROOT, '.github/workflows');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml'));
// Workflow YAML, read by path.
const workflow = (name: string): any => parse(readFileSync(join(DIR, name), 'utf8'));
const steps = (job: any): string => JSON.stringify(job.steps ?? []);

describe('GitHub Actions workflows', () => {
  it('are ci, release and deploy', () => {
    expect(files.sort()).toEqual(['ci.yml', 'deploy.yml', 'release.yml']);
  });

  it.skipIf(!available(actionlint))('pass actionlint', async () => {
    const result = await run(actionlint.path!, ['-color=false', ...files.map((f) => join(DIR, f))]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('ci.yml runs .ci/run with CI=true', () => {
    const ci = workflow('ci.yml');
    const job = ci.jobs.ci;
    expect(job.env.CI).toBe('true');
    expect(job.steps.map((s: { run?: string }) => s.run).filter(Boolean)).toEqual(['bash .ci/run']);
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
  });

  it('release.yml pushes a multi-arch image with SBOM and provenance, and the chart to an OCI registry', () => {
    const release = workflow('release.yml');
    const build = release.jobs.image.steps.find((s: { uses?: string }) =>
      s.uses?.startsWith('docker/build-push-action'),
    );
    expect(build.with.platforms).toBe('linux/amd64,linux/arm64');
    expect(build.with.file).toBe('deploy/docker/Dockerfile');
    expect(build.with.sbom).toBe(true);
    expect(build.with.provenance).toMatch(/mode=max/);
    expect(build.with.push).toBe(true);
    expect(steps(release.jobs.chart)).toMatch(/helm package/);
    expect(steps(release.jobs.chart)).toMatch(/helm push .*\$CHARTS/);
    expect(release.jobs.chart.env.CHARTS).toMatch(/^oci:\/\/ghcr\.io\//);
    expect(release.jobs.deploy.uses).toBe('./.github/workflows/deploy.yml');
  });

  it('deploy.yml upgrades atomically in a protected environment, smoke-tests and rolls back', () => {
    const deploy = workflow('deploy.yml');
    expect(Object.keys(deploy.on)).toEqual(expect.arrayContaining(['workflow_call', 'workflow_dispatch']));
    const job = deploy.jobs.deploy;
    expect(job.environment.name).toBe(`\${{ inputs.environment }}`);
    const all = steps(job);
    expect(all).toMatch(/helm upgrade --install/);
    expect(all).toMatch(/--atomic --wait/);
    expect(all).toMatch(/--timeout 5m/);
    expect(all).toMatch(/helm test/);
    const rollback = job.steps.find((s: { run?: string }) => s.run?.includes('helm rollback'));
    expect(rollback.if).toMatch(/failure\(\)/);
  });
});

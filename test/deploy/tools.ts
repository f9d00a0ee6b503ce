// The command-line tools the deploy suite checks the chart and workflows with, each provisioned by a
// scripts/infra script and cached under ~/.cache/taskstream. A tool is found through the variable
// its script's caller exports, else at the script's cache path. Missing: under CI=true the suite
// FAILS naming the script that provides it; elsewhere those tests are skipped with the same hint.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHART = join(ROOT, 'deploy/helm/taskstream');
export const CI = process.env.CI === 'true';
const CACHE = process.env.TASKSTREAM_CACHE ?? join(homedir(), '.cache/taskstream');

export interface Tool {
  name: string;
  /** The executable (or directory, for the CRD schemas); undefined when missing. */
  path: string | undefined;
  /** What provides it, for the failure or skip message. */
  hint: string;
}

function firstExisting(...candidates: (string | undefined)[]): string | undefined {
  return candidates.find((c): c is string => c !== undefined && existsSync(c));
}

export const helm: Tool = {
  name: 'helm',
  path: firstExisting(
    process.env.HELM_BIN_DIR && join(process.env.HELM_BIN_DIR, 'helm'),
    join(CACHE, 'helm-3.21.4/bin/helm'),
  ),
  hint: 'scripts/infra/helm-fetch (or scripts/infra/up-all helm), exporting HELM_BIN_DIR',
};

const kvBin = firstExisting(process.env.K8S_VALIDATE_BIN_DIR, join(CACHE, 'venv-k8s/bin'));
export const kubernetesValidate: Tool = {
  name: 'kubernetes-validate',
  path: kvBin && firstExisting(join(kvBin, 'kubernetes-validate')),
  hint: 'scripts/infra/k8s-validate-fetch (or scripts/infra/up-all k8s-validate), exporting K8S_VALIDATE_BIN_DIR',
};
/** The kubernetes-validate venv's Python: it has PyYAML and jsonschema for the CRD validator. */
export const venvPython: Tool = {
  name: 'python (kubernetes-validate venv)',
  path: kvBin && firstExisting(join(kvBin, 'python')),
  hint: kubernetesValidate.hint,
};

/** The newest complete schema set from scripts/infra/crds-fetch, unless CRD_SCHEMA_DIR names one. */
function crdSchemas(): string | undefined {
  if (process.env.CRD_SCHEMA_DIR) return firstExisting(process.env.CRD_SCHEMA_DIR);
  if (!existsSync(CACHE)) return undefined;
  const sets = readdirSync(CACHE)
    .filter((name) => name.startsWith('crds-') && existsSync(join(CACHE, name, '.complete')))
    .map((name) => join(CACHE, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return sets[0] && join(sets[0], 'schemas');
}
export const crdSchemaDir: Tool = {
  name: 'CRD schemas (Dapr, Strimzi, prometheus-operator)',
  path: crdSchemas(),
  hint: 'scripts/infra/crds-fetch, exporting CRD_SCHEMA_DIR',
};

export const actionlint: Tool = {
  name: 'actionlint',
  path: firstExisting(
    process.env.ACTIONLINT_BIN_DIR && join(process.env.ACTIONLINT_BIN_DIR, 'actionlint'),
    join(CACHE, 'actionlint-1.7.12/bin/actionlint'),
  ),
  hint: 'scripts/infra/actionlint-fetch, exporting ACTIONLINT_BIN_DIR',
};

/**
 * Whether tests needing these tools can run. Under CI=true a missing tool throws (the suite fails
 * and says which script provides it); elsewhere it returns false and the caller skips.
 */
export function available(...tools: Tool[]): boolean {
  const missing = tools.filter((t) => !t.path);
  if (missing.length === 0) return true;
  const message = missing.map((t) => `${t.name} is missing: run ${t.hint}`).join('\n');
  if (CI) throw new Error(`Deploy checks need their tools under CI=true.\n${message}`);
  console.warn(`test/deploy: skipping, ${message}`);
  return false;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (never throws for a non-zero exit: the caller asserts). */
export function run(
  command: string,
  args: string[],
  options: { input?: string; cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      {
        cwd: options.cwd ?? ROOT,
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, ...options.env },
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

// Renders the Helm chart and gives the suite typed access to the manifests.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CHART, helm, run } from './tools.ts';

export const NAMESPACE = 'taskstream';
export const RELEASE = 'taskstream';
export const KUBE_VERSION = '1.36.0';
export const ROLES = ['api', 'relay', 'recurrence', 'scheduler', 'notifier', 'audit', 'realtime'] as const;

/** values.yaml and every values-<cluster>.yaml of the chart. */
export const VALUES_FILES = readdirSync(CHART)
  .filter((f) => /^values(-[a-z0-9]+)?\.yaml$/.test(f))
  .sort();

// Manifests are arbitrary JSON; tests read them by path.
export type Manifest = Record<string, any>;

export interface Rendered {
  valuesFile: string;
  text: string;
  docs: Manifest[];
}

/** Values the chart will use: values.yaml merged with the file (only what the tests read). */
export function valuesArgs(valuesFile: string): string[] {
  return valuesFile === 'values.yaml' ? [] : ['-f', join(CHART, valuesFile)];
}

export async function render(valuesFile: string, extra: string[] = []): Promise<Rendered> {
  const result = await run(helm.path!, [
    'template',
    RELEASE,
    CHART,
    '--namespace',
    NAMESPACE,
    '--kube-version',
    KUBE_VERSION,
    ...valuesArgs(valuesFile),
    ...extra,
  ]);
  if (result.code !== 0) throw new Error(`helm template (${valuesFile}) failed:\n${result.stderr}`);
  const docs = parseAllDocuments(result.stdout)
    .map((d) => {
      if (d.errors.length > 0) throw new Error(`rendered YAML does not parse: ${d.errors[0]?.message}`);
      return d.toJS() as Manifest | null;
    })
    .filter((d): d is Manifest => d !== null && typeof d === 'object');
  return { valuesFile, text: result.stdout, docs };
}

export const of = (docs: Manifest[], kind: string) => docs.filter((d) => d.kind === kind);
export const named = (docs: Manifest[], kind: string, name: string) =>
  docs.find((d) => d.kind === kind && d.metadata?.name === name);

/** Pod templates of every workload kind, with where they came from. */
export function podSpecs(docs: Manifest[]): { owner: string; spec: Manifest; meta: Manifest }[] {
  const out: { owner: string; spec: Manifest; meta: Manifest }[] = [];
  for (const d of docs) {
    const owner = `${d.kind}/${d.metadata?.name}`;
    if (['Deployment', 'StatefulSet', 'Job', 'DaemonSet'].includes(d.kind))
      out.push({ owner, spec: d.spec.template.spec, meta: d.spec.template.metadata ?? {} });
    else if (d.kind === 'Pod') out.push({ owner, spec: d.spec, meta: d.metadata });
  }
  return out;
}

/** Kubernetes quantities → millicores / bytes. */
export function cpuMillis(q: string | number | undefined): number {
  if (q === undefined) return 0;
  const s = String(q);
  return s.endsWith('m') ? Number(s.slice(0, -1)) : Number(s) * 1000;
}
const UNITS: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};
export function bytes(q: string | number | undefined): number {
  if (q === undefined) return 0;
  const m = /^([0-9.]+)([A-Za-z]*)$/.exec(String(q));
  if (!m || UNITS[m[2] ?? ''] === undefined) throw new Error(`not a memory quantity: ${q}`);
  return Number(m[1]) * (UNITS[m[2] ?? ''] ?? 1);
}

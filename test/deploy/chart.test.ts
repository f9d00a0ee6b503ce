// The Helm chart (deploy/helm/taskstream), checked without a cluster: helm lint and helm template for
// every values file at Kubernetes 1.36; every built-in manifest strictly valid against the 1.36
// schemas (kubernetes-validate); every Dapr, Strimzi and prometheus-operator resource valid against
// its CRD (scripts/infra/crds-fetch); and the wiring the distributed shape depends on (DESIGN §1-2,
// §6; ADR 007, 008). Tools come from scripts/infra; under CI=true a missing one fails the suite.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  bytes,
  cpuMillis,
  KUBE_VERSION,
  type Manifest,
  named,
  of,
  podSpecs,
  RELEASE,
  type Rendered,
  ROLES,
  render,
  VALUES_FILES,
  valuesArgs,
} from './render.ts';
import { available, CHART, crdSchemaDir, helm, kubernetesValidate, ROOT, run, venvPython } from './tools.ts';

const FULLNAME = `${RELEASE}`; // release "taskstream" + chart "taskstream" → "taskstream"
const hasHelm = available(helm);
const rendered = new Map<string, Rendered>();
const get = (file: string) => {
  const r = rendered.get(file);
  if (!r) throw new Error(`${file} was not rendered`);
  return r.docs;
};

/** values.yaml deep-merged with a values file: what the chart saw (for the tests' expectations). */
function effectiveValues(file: string): Manifest {
  const merge = (a: Manifest, b: Manifest): Manifest => {
    const out: Manifest = { ...a };
    for (const [k, v] of Object.entries(b ?? {}))
      out[k] =
        v && typeof v === 'object' && !Array.isArray(v) && a[k] && typeof a[k] === 'object'
          ? merge(a[k], v)
          : v;
    return out;
  };
  const base = parse(readFileSync(join(CHART, 'values.yaml'), 'utf8'));
  return file === 'values.yaml' ? base : merge(base, parse(readFileSync(join(CHART, file), 'utf8')) ?? {});
}

/** Variables src/config.ts reads (the keys of its zod schema). */
const CONFIG_VARS = (() => {
  const source = readFileSync(join(ROOT, 'src/config.ts'), 'utf8');
  const body = source.slice(
    source.indexOf('const schema = z.object({'),
    source.indexOf('export type Config'),
  );
  return new Set([...body.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]));
})();

const builtIn = (d: Manifest) => {
  const group = String(d.apiVersion).includes('/') ? String(d.apiVersion).split('/')[0] : '';
  return (
    group === '' ||
    group?.endsWith('.k8s.io') ||
    ['apps', 'batch', 'autoscaling', 'policy'].includes(group ?? '')
  );
};

const roleDeployment = (docs: Manifest[], role: string) => named(docs, 'Deployment', `${FULLNAME}-${role}`);
const appContainer = (d: Manifest) =>
  d.spec.template.spec.containers.find((c: Manifest) => c.name === 'taskstream');
const envOf = (c: Manifest) => new Map<string, Manifest>(c.env.map((e: Manifest) => [e.name, e]));
const meta = (component: Manifest, name: string) =>
  component.spec.metadata.find((m: Manifest) => m.name === name) as Manifest | undefined;

describe.skipIf(!hasHelm)('Helm chart', () => {
  beforeAll(async () => {
    for (const file of VALUES_FILES) rendered.set(file, await render(file));
  });

  it('has a values file for every target cluster', () => {
    expect(VALUES_FILES).toEqual([
      'values-aks.yaml',
      'values-doks.yaml',
      'values-gke.yaml',
      'values-minikube.yaml',
      'values-oke.yaml',
      'values.yaml',
    ]);
  });

  it.each(VALUES_FILES)('helm lint --strict passes with %s', async (file) => {
    const result = await run(helm.path!, [
      'lint',
      CHART,
      '--strict',
      '--kube-version',
      KUBE_VERSION,
      ...valuesArgs(file),
    ]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  describe.skipIf(!available(kubernetesValidate))(
    'Kubernetes 1.36 schemas (kubernetes-validate --strict)',
    () => {
      it.each(VALUES_FILES)('every built-in manifest of %s is valid', async (file) => {
        const docs = get(file).filter(builtIn);
        expect(docs.length).toBeGreaterThan(20);
        // JSON (a subset of YAML) so that PyYAML's YAML 1.1 reads "off" as a string, as the API does.
        const input = docs.map((d) => JSON.stringify(d)).join('\n---\n');
        const result = await run(kubernetesValidate.path!, ['-k', '1.36', '--strict', '--quiet', '-'], {
          input,
        });
        expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
        expect(`${result.stdout}${result.stderr}`).not.toMatch(/error|failed|couldn't find/i);
      });
    },
  );

  describe.skipIf(!available(crdSchemaDir, venvPython))('custom resources against their CRDs', () => {
    it.each(VALUES_FILES)('every Dapr, Strimzi and monitoring resource of %s is valid', async (file) => {
      const r = rendered.get(file)!;
      const result = await run(
        venvPython.path!,
        [join(ROOT, 'scripts/infra/crds/validate.py'), crdSchemaDir.path!, '-'],
        { input: r.text },
      );
      const lines = result.stdout
        .trim()
        .split('\n')
        .map(
          (l) =>
            JSON.parse(l) as { index: number; kind: string; name: string; status: string; errors?: string[] },
        );
      expect(lines).toHaveLength(r.docs.length);
      const problems = lines.filter((l, i) => {
        const doc = r.docs[i] as Manifest;
        // Every document is checked by one of the two validators: nothing goes unvalidated.
        if (l.status === 'no-schema') return !builtIn(doc);
        return l.status !== 'valid';
      });
      expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
      expect(lines.filter((l) => l.status === 'valid').length).toBeGreaterThanOrEqual(7);
      expect(result.code).toBe(0);
    });
  });

  describe.each(VALUES_FILES)('wiring with %s', (file) => {
    const values = effectiveValues(file);

    it('runs one Deployment per role, `taskstream serve --roles <role>`, each its own Dapr app id', () => {
      const docs = get(file);
      const deployments = of(docs, 'Deployment');
      expect(deployments.map((d) => d.metadata.name).sort()).toEqual(
        ROLES.map((r) => `${FULLNAME}-${r}`).sort(),
      );
      const appIds = deployments.map((d) => d.spec.template.metadata.annotations['dapr.io/app-id']);
      expect(new Set(appIds).size).toBe(ROLES.length);
      for (const role of ROLES) {
        const d = roleDeployment(docs, role)!;
        expect(d.spec.template.metadata.annotations['dapr.io/app-id']).toBe(role);
        expect(appContainer(d).args).toEqual(['serve', '--roles', role]);
        expect(d.spec.template.metadata.labels['app.kubernetes.io/component']).toBe(role);
      }
    });

    it('gives every sidecar its app port, the Configuration, API logging, resources and tokens', () => {
      const docs = get(file);
      const configurations = of(docs, 'Configuration').map((c) => c.metadata.name);
      for (const role of ROLES) {
        const d = roleDeployment(docs, role)!;
        const a = d.spec.template.metadata.annotations;
        expect(a['dapr.io/enabled']).toBe('true');
        expect(Number(a['dapr.io/app-port'])).toBe(appContainer(d).ports[0].containerPort);
        expect(configurations).toContain(a['dapr.io/config']);
        expect(a['dapr.io/enable-api-logging']).toBe('true');
        for (const key of ['cpu-request', 'memory-request', 'memory-limit'])
          expect(a[`dapr.io/sidecar-${key}`], `${role} sidecar ${key}`).toBeTruthy();
        expect(a['dapr.io/app-token-secret']).toBeTruthy();
        expect(a['dapr.io/api-token-secret']).toBeTruthy();
        expect(a['dapr.io/app-token-secret']).not.toBe(a['dapr.io/api-token-secret']);
      }
    });

    it('sets only variables src/config.ts reads, and every one the distributed shape needs', () => {
      const docs = get(file);
      for (const { owner, spec } of podSpecs(docs)) {
        if (!owner.startsWith('Deployment/') && !owner.endsWith('-migrate')) continue;
        for (const c of spec.containers) {
          const unknown = c.env.map((e: Manifest) => e.name).filter((n: string) => !CONFIG_VARS.has(n));
          expect(unknown, `${owner}: variables src/config.ts does not read`).toEqual([]);
        }
      }
      for (const role of ROLES) {
        const c = appContainer(roleDeployment(docs, role)!);
        const env = envOf(c);
        expect(env.get('EVENT_BUS')?.value).toBe('dapr');
        expect(env.get('HOST')?.value).toBe('0.0.0.0');
        expect(Number(env.get('PORT')?.value)).toBe(c.ports[0].containerPort);
        expect(env.get('NODE_ENV')?.value).toBe('production');
        expect(env.get('DATABASE_URL')?.valueFrom?.secretKeyRef?.name, role).toBeTruthy();
        expect(env.get('DAPR_API_TOKEN')?.valueFrom?.secretKeyRef?.key).toBe('token');
        expect(env.get('APP_API_TOKEN')?.valueFrom?.secretKeyRef?.key).toBe('token');
        expect(env.get('REPLICA_ID')?.valueFrom?.fieldRef?.fieldPath).toBe('metadata.name');
        expect(env.get('EVENT_TOPIC_PREFIX')?.value).toBe(values.app.eventTopicPrefix);
        // Secrets come from the environment (secretKeyRef), not from Dapr's secrets API.
        expect(env.get('DAPR_SECRET_STORE')?.value).toBe('');
        for (const e of env.values()) expect(e.value === undefined || e.valueFrom === undefined).toBe(true);
      }
      for (const role of ['api', 'realtime'])
        expect(envOf(appContainer(roleDeployment(docs, role)!)).get('AUTH_SECRET')?.valueFrom).toBeTruthy();
      expect(envOf(appContainer(roleDeployment(docs, 'api')!)).get('DAPR_STATE_STORE')?.value).toBe(
        'statestore',
      );
    });

    it('never shares one fixed consumer group: per-app groups, and {podName} for realtime', () => {
      const docs = get(file);
      const kafkaComponents = of(docs, 'Component').filter((c) => c.spec.type === 'pubsub.kafka');
      expect(kafkaComponents.length).toBe(2);
      for (const c of kafkaComponents) {
        const group = meta(c, 'consumerGroup')?.value;
        // Unset: Dapr uses the app id (= role). Set: it must differ per replica.
        if (group !== undefined) expect(group, c.metadata.name).toMatch(/\{podName\}/);
      }
      const api = envOf(appContainer(roleDeployment(docs, 'realtime')!));
      const pubsub = named(docs, 'Component', api.get('DAPR_PUBSUB')?.value)!;
      const broadcast = named(docs, 'Component', api.get('DAPR_PUBSUB_BROADCAST')?.value)!;
      expect(meta(pubsub, 'consumerGroup')).toBeUndefined();
      expect(meta(broadcast, 'consumerGroup')?.value).toBe('{podName}');
      expect(broadcast.scopes).toEqual(['realtime']);
      expect(pubsub.scopes).not.toContain('api');
      expect(pubsub.scopes).not.toContain('scheduler');
      for (const c of kafkaComponents) expect(meta(c, 'brokers')?.value).toBeTruthy();
    });

    it('scopes every Dapr resource to roles that exist; state.postgresql v2, cron, Kubernetes secrets', () => {
      const docs = get(file);
      for (const c of [...of(docs, 'Component'), ...of(docs, 'Resiliency')]) {
        expect(c.scopes?.length, `${c.kind}/${c.metadata.name} has scopes`).toBeGreaterThan(0);
        for (const app of c.scopes) expect(ROLES as readonly string[]).toContain(app);
      }
      const state = of(docs, 'Component').find((c) => c.spec.type === 'state.postgresql')!;
      expect(state.spec.version).toBe('v2');
      expect(state.scopes).toEqual(['api']);
      expect(meta(state, 'connectionString')?.secretKeyRef?.name).toBeTruthy();
      const cron = of(docs, 'Component').find((c) => c.spec.type === 'bindings.cron')!;
      expect(cron.scopes).toEqual(['scheduler']);
      expect(cron.metadata.name).toBe(
        envOf(appContainer(roleDeployment(docs, 'scheduler')!)).get('DAPR_CRON_BINDING')?.value,
      );
      const store = of(docs, 'Component').find((c) => c.spec.type === 'secretstores.kubernetes')!;
      expect(state.auth.secretStore).toBe(store.metadata.name);
      const config = of(docs, 'Configuration')[0]!;
      expect(config.spec.mtls.enabled).toBe(true);
      expect(config.spec.tracing).toBeDefined();
      expect(config.spec.accessControl.defaultAction).toBe('deny');
      expect(config.spec.accessControl.policies.map((p: Manifest) => p.appId)).toEqual(['recurrence']);
      const resiliency = of(docs, 'Resiliency')[0]!;
      expect(Object.keys(resiliency.spec.policies)).toEqual(
        expect.arrayContaining(['retries', 'timeouts', 'circuitBreakers']),
      );
    });

    it('references only Secrets it renders or that values name as external, and holds no secret itself', () => {
      const docs = get(file);
      const rendered = new Set(of(docs, 'Secret').map((s) => s.metadata.name));
      const external = new Set<string>(
        [
          values.secrets.database.existingSecret,
          values.secrets.auth.existingSecret,
          values.secrets.openai.existingSecret,
          values.secrets.smtp.existingSecret,
          values.kafka.external.credentials.existingSecret,
          values.kafka.external.caCert.existingSecret,
          values.dapr.smtpBinding.existingSecret,
          ...values.imagePullSecrets,
        ].filter(Boolean),
      );
      const referenced: { name: string; where: string }[] = [];
      for (const { owner, spec, meta: m } of podSpecs(docs)) {
        for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
          for (const e of c.env ?? [])
            if (e.valueFrom?.secretKeyRef)
              referenced.push({ name: e.valueFrom.secretKeyRef.name, where: owner });
          for (const e of c.envFrom ?? [])
            if (e.secretRef) referenced.push({ name: e.secretRef.name, where: owner });
        }
        for (const v of spec.volumes ?? [])
          if (v.secret) referenced.push({ name: v.secret.secretName, where: owner });
        for (const p of spec.imagePullSecrets ?? []) referenced.push({ name: p.name, where: owner });
        for (const [k, v] of Object.entries(m.annotations ?? {}))
          if (/^dapr\.io\/.*token-secret$/.test(k))
            referenced.push({ name: String(v), where: `${owner} ${k}` });
      }
      for (const c of of(docs, 'Component'))
        for (const m of c.spec.metadata)
          if (m.secretKeyRef)
            referenced.push({ name: m.secretKeyRef.name, where: `Component/${c.metadata.name}` });
      // The TLS certificate is written by cert-manager from the main Ingress's issuer annotation.
      const main = of(docs, 'Ingress').find((i) => !i.metadata.name.endsWith('-stream'));
      for (const i of of(docs, 'Ingress'))
        for (const t of i.spec.tls ?? []) {
          expect(
            main?.metadata.annotations['cert-manager.io/cluster-issuer'],
            'TLS needs an issuer',
          ).toBeTruthy();
          expect(main?.spec.tls?.[0]?.secretName).toBe(t.secretName);
          external.add(t.secretName);
          referenced.push({ name: t.secretName, where: `Ingress/${i.metadata.name}` });
        }
      const dangling = referenced.filter((r) => !rendered.has(r.name) && !external.has(r.name));
      expect(dangling, 'Secrets neither rendered nor external').toEqual([]);
      expect(referenced.length).toBeGreaterThan(20);
      // No secret material in values: only Secret names and keys.
      const walk = (node: unknown, path: string): string[] =>
        node && typeof node === 'object'
          ? Object.entries(node)
              .filter(([k]) => k !== 'existingSecret')
              .flatMap(([k, v]) => walk(v, `${path}.${k}`))
          : typeof node === 'string' &&
              node !== '' &&
              /(password|passwd|token|apikey|api_key|secret)$/i.test(path)
            ? [path]
            : [];
      expect(walk(values, 'values')).toEqual([]);
    });

    it('gives every container probes, resources and a locked-down security context', () => {
      const docs = get(file);
      const specs = podSpecs(docs);
      expect(specs.length).toBeGreaterThanOrEqual(ROLES.length + 2); // roles, migration Job, helm test
      for (const { owner, spec } of specs) {
        const podNonRoot = spec.securityContext?.runAsNonRoot === true;
        expect(spec.securityContext?.seccompProfile?.type, owner).toBe('RuntimeDefault');
        for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
          const where = `${owner} ${c.name}`;
          expect(c.resources?.requests?.cpu, `${where} cpu request`).toBeTruthy();
          expect(c.resources?.requests?.memory, `${where} memory request`).toBeTruthy();
          expect(c.resources?.limits?.memory, `${where} memory limit`).toBeTruthy();
          expect(bytes(c.resources.limits.memory)).toBeGreaterThanOrEqual(bytes(c.resources.requests.memory));
          const sc = c.securityContext ?? {};
          expect(podNonRoot || sc.runAsNonRoot === true, `${where} runs as non-root`).toBe(true);
          expect(sc.allowPrivilegeEscalation, `${where} privilege escalation`).toBe(false);
          expect(sc.readOnlyRootFilesystem, `${where} read-only root`).toBe(true);
          expect(sc.privileged ?? false, `${where} privileged`).toBe(false);
          expect(sc.capabilities?.drop, `${where} drops capabilities`).toContain('ALL');
          // Read-only root: Node's compile cache (os.tmpdir()) needs a writable /tmp.
          const tmp = (c.volumeMounts ?? []).find((v: Manifest) => v.mountPath === '/tmp');
          expect(tmp, `${where} has a writable /tmp`).toBeDefined();
          expect(spec.volumes.find((v: Manifest) => v.name === tmp.name)?.emptyDir).toBeDefined();
          if (owner.startsWith('Deployment/') || owner.startsWith('StatefulSet/')) {
            expect(c.livenessProbe, `${where} liveness`).toBeDefined();
            expect(c.readinessProbe, `${where} readiness`).toBeDefined();
          }
        }
      }
      for (const role of ROLES) {
        const c = appContainer(roleDeployment(docs, role)!);
        expect(c.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
        expect(c.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
        expect(c.startupProbe.httpGet.path).toBe('/health');
        expect(
          roleDeployment(docs, role)!.spec.template.metadata.annotations[
            'dapr.io/sidecar-seccomp-profile-type'
          ],
        ).toBe('RuntimeDefault');
      }
    });

    it('has a PodDisruptionBudget per role, HPAs for api and realtime, and spreads replicas', () => {
      const docs = get(file);
      for (const role of ROLES) {
        const pdb = named(docs, 'PodDisruptionBudget', `${FULLNAME}-${role}`)!;
        expect(pdb, role).toBeDefined();
        expect(pdb.spec.selector.matchLabels).toEqual(roleDeployment(docs, role)!.spec.selector.matchLabels);
        expect(pdb.spec.minAvailable, 'maxUnavailable, so one replica never blocks a drain').toBeUndefined();
      }
      const hpas = of(docs, 'HorizontalPodAutoscaler');
      expect(hpas.map((h) => h.spec.scaleTargetRef.name).sort()).toEqual(
        expect.arrayContaining([`${FULLNAME}-api`, `${FULLNAME}-realtime`]),
      );
      for (const h of hpas) {
        const target = named(docs, 'Deployment', h.spec.scaleTargetRef.name)!;
        expect(target, 'HPA target exists').toBeDefined();
        expect(target.spec.replicas, 'an HPA owns the replica count').toBeUndefined();
        expect(h.spec.minReplicas).toBeLessThanOrEqual(h.spec.maxReplicas);
      }
      for (const role of ROLES) {
        const spread = roleDeployment(docs, role)!.spec.template.spec.topologySpreadConstraints;
        if (!values.topologySpread.enabled) continue;
        expect(
          spread?.map((s: Manifest) => s.topologyKey),
          role,
        ).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
      }
    });

    it('routes /api/stream to realtime with SSE timeouts, the rest to api, and keeps internal routes in', () => {
      const docs = get(file);
      const ingresses = of(docs, 'Ingress');
      expect(ingresses).toHaveLength(2);
      const paths = ingresses.flatMap((i) =>
        i.spec.rules.flatMap((r: Manifest) =>
          r.http.paths.map((p: Manifest) => ({ ingress: i, path: p.path, service: p.backend.service.name })),
        ),
      );
      const stream = paths.find((p) => p.path === '/api/stream')!;
      expect(stream.service).toBe(`${FULLNAME}-realtime`);
      const a = stream.ingress.metadata.annotations;
      expect(a['nginx.ingress.kubernetes.io/proxy-buffering']).toBe('off');
      expect(Number(a['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(300);
      expect(Number(a['nginx.ingress.kubernetes.io/proxy-send-timeout'])).toBeGreaterThanOrEqual(300);
      // The heartbeat arrives well within the read timeout.
      expect(values.app.sseHeartbeatMs / 1000).toBeLessThan(
        Number(a['nginx.ingress.kubernetes.io/proxy-read-timeout']),
      );
      expect(paths.find((p) => p.path === '/')?.service).toBe(`${FULLNAME}-api`);
      for (const internal of ['/internal', '/metrics']) {
        const p = paths.find((x) => x.path === internal)!;
        const service = named(docs, 'Service', p.service)!;
        const selects = of(docs, 'Deployment').filter((d) =>
          Object.entries(service.spec.selector).every(([k, v]) => d.spec.template.metadata.labels[k] === v),
        );
        expect(selects, `${internal} must reach no pod`).toEqual([]);
      }
      for (const p of paths) expect(named(docs, 'Service', p.service), p.service).toBeDefined();
      const main = ingresses.find((i) => !i.metadata.name.endsWith('-stream'))!;
      if (values.ingress.tls.enabled) {
        expect(main.metadata.annotations['cert-manager.io/cluster-issuer']).toBe(
          values.ingress.tls.clusterIssuer,
        );
        for (const i of ingresses) expect(i.spec.tls[0].hosts).toEqual([values.ingress.host]);
      } else {
        for (const i of ingresses) expect(i.spec.tls).toBeUndefined();
      }
    });

    it('denies ingress by default and opens only what the shape needs', () => {
      const docs = get(file);
      const policies = of(docs, 'NetworkPolicy');
      const deny = policies.find((p) => p.metadata.name.endsWith('-default-deny'))!;
      expect(deny.spec.ingress).toBeUndefined();
      expect(deny.spec.policyTypes).toEqual(['Ingress']);
      for (const { owner, meta: m } of podSpecs(docs))
        for (const [k, v] of Object.entries(deny.spec.podSelector.matchLabels))
          expect(m.labels?.[k], `${owner} is covered by the default deny`).toBe(v);
      const web = policies.find((p) => p.metadata.name.endsWith('-web'))!;
      const components = web.spec.podSelector.matchExpressions.find(
        (e: Manifest) => e.key === 'app.kubernetes.io/component',
      );
      expect(components.values.sort()).toEqual(['api', 'realtime']);
      expect(web.spec.ingress[0].from[0].namespaceSelector.matchLabels).toEqual(
        values.networkPolicy.ingressNamespaceSelector,
      );
      const invoke = policies.find((p) => p.metadata.name.endsWith('-invoke'))!;
      expect(invoke.spec.podSelector.matchLabels['app.kubernetes.io/component']).toBe('api');
      expect(invoke.spec.ingress[0].from[0].podSelector.matchLabels['app.kubernetes.io/component']).toBe(
        'recurrence',
      );
    });

    it('migrates with `taskstream migrate` in a Helm hook before the new version runs', () => {
      const docs = get(file);
      const job = of(docs, 'Job').find((j) => j.metadata.name.endsWith('-migrate'))!;
      const hooks = job.metadata.annotations['helm.sh/hook'].split(',');
      expect(hooks).toContain('pre-upgrade');
      expect(hooks).toContain(values.postgres.inCluster.enabled ? 'post-install' : 'pre-install');
      const c = job.spec.template.spec.containers[0];
      expect(c.args).toEqual(['migrate']);
      expect(envOf(c).get('DATABASE_URL')?.valueFrom?.secretKeyRef).toEqual(
        envOf(appContainer(roleDeployment(docs, 'api')!)).get('DATABASE_URL')?.valueFrom?.secretKeyRef,
      );
      expect(job.spec.template.metadata.annotations?.['dapr.io/enabled']).toBeUndefined();
      // Hooks run before the release's ServiceAccount exists.
      expect(job.spec.template.spec.serviceAccountName).toBeUndefined();
    });

    it('wires Kafka: Strimzi KRaft with the catalogue topics, or an external cluster over SASL/TLS', () => {
      const docs = get(file);
      const pubsub = of(docs, 'Component').find((c) => c.metadata.name === 'pubsub')!;
      if (values.kafka.mode === 'strimzi') {
        const kafka = of(docs, 'Kafka')[0]!;
        const pool = of(docs, 'KafkaNodePool')[0]!;
        expect(pool.spec.roles.sort()).toEqual(['broker', 'controller']);
        expect(pool.metadata.labels['strimzi.io/cluster']).toBe(kafka.metadata.name);
        expect(kafka.spec.kafka.config['auto.create.topics.enable']).toBe(false);
        expect(meta(pubsub, 'brokers')?.value).toBe(
          `${kafka.metadata.name}-kafka-bootstrap.taskstream.svc:9092`,
        );
        const topics = of(docs, 'KafkaTopic').map((t) => t.spec.topicName);
        expect(topics.sort()).toEqual(
          ['task-events', 'reminders', 'task-updates'].flatMap((t) => [t, `${t}.dlq`]).sort(),
        );
        // Strimzi copies labels to its pods: none of the release's selector labels on them.
        expect(kafka.metadata.labels['app.kubernetes.io/instance']).toBeUndefined();
      } else {
        expect(of(docs, 'Kafka')).toEqual([]);
        expect(of(docs, 'KafkaTopic')).toEqual([]);
        expect(meta(pubsub, 'authType')?.value).toBe(values.kafka.external.authType);
        expect(meta(pubsub, 'disableTls')?.value).toBe('false');
        expect(meta(pubsub, 'saslPassword')?.secretKeyRef?.name).toBe(
          values.kafka.external.credentials.existingSecret,
        );
      }
    });

    it('has a helm test that checks readiness and makes a smoke request', () => {
      const docs = get(file);
      const test = of(docs, 'Pod').find((p) => p.metadata.annotations?.['helm.sh/hook'] === 'test')!;
      expect(test).toBeDefined();
      const script = test.spec.containers[0].args.join('\n');
      expect(script).toContain(`${FULLNAME}-api:${values.service.port}`);
      expect(script).toContain(`${FULLNAME}-realtime:${values.service.port}`);
      expect(script).toMatch(/\/ready/);
      expect(script).toMatch(/\/api\/tasks/);
    });

    it('scrapes /metrics when asked, and ships the dashboard', () => {
      const docs = get(file);
      const monitors = of(docs, 'ServiceMonitor');
      expect(monitors.length).toBe(values.monitoring.serviceMonitor.enabled ? 1 : 0);
      for (const m of monitors) {
        expect(m.spec.endpoints[0]).toMatchObject({ port: 'http', path: '/metrics' });
        const selected = m.spec.selector.matchExpressions.find(
          (e: Manifest) => e.key === 'app.kubernetes.io/component',
        );
        expect(selected.values.sort()).toEqual([...ROLES].sort());
      }
      const dashboards = of(docs, 'ConfigMap').filter((c) => c.metadata.name.endsWith('-dashboard'));
      expect(dashboards.length).toBe(values.monitoring.grafanaDashboard.enabled ? 1 : 0);
      for (const d of dashboards)
        expect(JSON.parse(d.data['taskstream.json']).uid).toBe('taskstream-overview');
    });
  });

  // Oracle OKE Always Free: 4 OCPU (Ampere A1) and 24 GB for the whole node pool.
  describe('fits Oracle OKE Always Free', () => {
    const OKE = { cpu: 4000, memory: 24 * 2 ** 30 };
    // What runs beside the release: kube-system (CNI, kube-proxy, CoreDNS), the Dapr control plane
    // (operator, sentry, injector, placement, scheduler), ingress-nginx, cert-manager, the Strimzi
    // operator, and the kubelet's own reservation. Generous on purpose.
    const PLATFORM = { cpu: 1500, memory: 6 * 2 ** 30 };

    function requests(docs: Manifest[]) {
      const total = { cpu: 0, memory: 0, surgeCpu: 0, surgeMemory: 0, kafkaCpu: 0, kafkaMemory: 0 };
      const add = (cpu: number, memory: number, times: number) => {
        total.cpu += cpu * times;
        total.memory += memory * times;
      };
      const hpa = new Map(
        of(docs, 'HorizontalPodAutoscaler').map((h) => [h.spec.scaleTargetRef.name, h.spec.minReplicas]),
      );
      for (const d of [...of(docs, 'Deployment'), ...of(docs, 'StatefulSet')]) {
        const replicas = d.spec.replicas ?? hpa.get(d.metadata.name) ?? 1;
        const a = d.spec.template.metadata.annotations ?? {};
        let cpu = cpuMillis(a['dapr.io/sidecar-cpu-request']);
        let memory = bytes(a['dapr.io/sidecar-memory-request']);
        for (const c of d.spec.template.spec.containers) {
          cpu += cpuMillis(c.resources.requests.cpu);
          memory += bytes(c.resources.requests.memory);
        }
        add(cpu, memory, replicas);
        // A rolling update starts one more pod per Deployment (maxSurge 1) before stopping one.
        if (d.kind === 'Deployment') {
          total.surgeCpu += cpu;
          total.surgeMemory += memory;
        }
      }
      for (const pool of of(docs, 'KafkaNodePool')) {
        total.kafkaCpu += cpuMillis(pool.spec.resources.requests.cpu) * pool.spec.replicas;
        total.kafkaMemory += bytes(pool.spec.resources.requests.memory) * pool.spec.replicas;
      }
      for (const k of of(docs, 'Kafka')) {
        const eo = k.spec.entityOperator?.topicOperator?.resources?.requests;
        const ex = k.spec.kafkaExporter?.resources?.requests;
        total.kafkaCpu += cpuMillis(eo?.cpu) + cpuMillis(ex?.cpu);
        total.kafkaMemory += bytes(eo?.memory) + bytes(ex?.memory);
      }
      total.cpu += total.kafkaCpu;
      total.memory += total.kafkaMemory;
      return total;
    }

    it.each(['values-oke.yaml', 'values.yaml', 'values-minikube.yaml'])(
      'with %s, the release and Kafka fit beside the platform, even mid-rollout',
      (file) => {
        const t = requests(get(file));
        const gib = (b: number) => (b / 2 ** 30).toFixed(2);
        console.log(
          `${file}: requests ${t.cpu}m CPU, ${gib(t.memory)} GiB (Kafka ${t.kafkaCpu}m, ${gib(t.kafkaMemory)} GiB); ` +
            `+${t.surgeCpu}m, ${gib(t.surgeMemory)} GiB during a rollout; OKE Always Free ${OKE.cpu}m, 24 GiB`,
        );
        if (file !== 'values-minikube.yaml') expect(t.kafkaCpu, 'Kafka is counted').toBeGreaterThan(0);
        expect(t.cpu + t.surgeCpu + PLATFORM.cpu).toBeLessThanOrEqual(OKE.cpu);
        expect(t.memory + t.surgeMemory + PLATFORM.memory).toBeLessThanOrEqual(OKE.memory);
      },
    );
  });

  describe('values and their schema', () => {
    it('prefixes every KafkaTopic with app.eventTopicPrefix, as the app prefixes topic names', async () => {
      const { docs } = await render('values.yaml', ['--set', 'app.eventTopicPrefix=prod.']);
      expect(of(docs, 'KafkaTopic').map((t) => t.spec.topicName)).toContain('prod.task-events.dlq');
      for (const t of of(docs, 'KafkaTopic')) expect(t.metadata.name).toMatch(/^prod\./);
      const env = envOf(appContainer(roleDeployment(docs, 'relay')!));
      expect(env.get('EVENT_TOPIC_PREFIX')?.value).toBe('prod.');
    });

    it.each([
      [['--set', 'secrets.database.password=hunter2'], /additional properties|password/i],
      [['--set', 'app.extraEnv.DATABASE_URL=postgres://x'], /DATABASE_URL|propertyName/],
      [['--set', 'roles.api.replicas=-1'], /minimum|replicas/],
      [['--set', 'kafka.mode=zookeeper'], /mode/],
      [['--set', 'secrets.database.existingSecret='], /secrets\.database\.existingSecret is required/],
      [['--set', 'kafka.mode=external'], /kafka\.external\.brokers is required/],
    ])('refuses %j', async (args, message) => {
      const result = await run(helm.path!, [
        'template',
        RELEASE,
        CHART,
        '--kube-version',
        KUBE_VERSION,
        ...(args as string[]),
      ]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(message as RegExp);
    });

    it('renders the chart-generated secrets with random values, never from values', async () => {
      const a = await render('values-minikube.yaml');
      const b = await render('values-minikube.yaml');
      const secret = (r: Rendered, name: string) => named(r.docs, 'Secret', name)?.data;
      expect(secret(a, `${FULLNAME}-auth`)?.secret).toBeTruthy();
      expect(secret(a, `${FULLNAME}-auth`)?.secret).not.toBe(secret(b, `${FULLNAME}-auth`)?.secret);
      expect(secret(a, `${FULLNAME}-postgres`)?.password).not.toBe(
        secret(b, `${FULLNAME}-postgres`)?.password,
      );
      const url = Buffer.from(secret(a, `${FULLNAME}-postgres`)?.url, 'base64').toString();
      expect(url).toMatch(
        /^postgres:\/\/taskstream:[A-Za-z0-9]{32}@taskstream-postgres\.taskstream\.svc:5432\/taskstream$/,
      );
    });
  });

  describe('Grafana dashboard', () => {
    const dashboard = JSON.parse(readFileSync(join(CHART, 'dashboards/taskstream.json'), 'utf8'));
    const exprs: string[] = dashboard.panels.flatMap((p: Manifest) => p.targets.map((t: Manifest) => t.expr));

    it('shows request latency, outbox lag, consumer lag and reminder lateness', () => {
      const all = exprs.join('\n');
      for (const metric of [
        'taskstream_http_request_duration_seconds_bucket',
        'taskstream_outbox_pending',
        'taskstream_outbox_lag_seconds',
        'kafka_consumergroup_lag',
        'taskstream_reminder_lateness_seconds_bucket',
        'taskstream_sse_streams',
      ])
        expect(all).toContain(metric);
    });

    it('queries only metrics the app exports', () => {
      const sources = ['src/http/plugins/metrics.ts', 'src/http/routes/stream.ts']
        .map((f) => readFileSync(join(ROOT, f), 'utf8'))
        .join('\n');
      const names = new Set(
        exprs.flatMap((e) => [...e.matchAll(/\b(taskstream_[a-z_]+)/g)].map((m) => m[1] ?? '')),
      );
      for (const name of names) {
        if (name.startsWith('taskstream_process_')) continue; // prom-client defaults, prefixed taskstream_
        const base = name.replace(/_(bucket|count|sum)$/, '');
        expect(sources, `${name} is exported by src/`).toContain(`'${base}'`);
      }
    });
  });
});

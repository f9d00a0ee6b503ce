// The Dapr adapter in the contract suite: each process is an app (Fastify + DaprBus) with its own
// daprd sidecar started by scripts/infra/daprd-run over pubsub.kafka; the app id is the Kafka
// consumer group, so a role is an app id. Crashing drops the app's connections mid-delivery while
// the sidecar stays, as when an app container dies next to its sidecar.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { DaprBus } from '../../src/events/bus/dapr.ts';
import { deadLetterTopicName, topicName } from '../../src/events/bus/envelope.ts';
import { daprRoutes } from '../../src/http/routes/dapr.ts';
import type { Subscription } from '../../src/ports/index.ts';
import type { TestApp } from '../support/app.ts';
import {
  deadLetterViews,
  deleteTopics,
  infra,
  injectRaw,
  OUTAGE_BROKERS,
  outageBroker,
  readTopic,
  requireKafka,
  SHARED_BROKERS,
} from './brokers.ts';
import { freePort, type Harness, type Outage, silent, uniqueName, type World, waitFor } from './harness.ts';

const RUN_DIR = mkdtempSync(join(tmpdir(), 'taskstream-bus-dapr-'));

/** pubsub.kafka as deploy/dapr/components has it, on `brokers`, with quick redelivery for tests. */
function components(brokers: string[]): string {
  const dir = mkdtempSync(join(RUN_DIR, 'components-'));
  const kafka = (name: string, extra: string) => `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: pubsub.kafka
  version: v1
  metadata:
    - { name: brokers, value: "${brokers.join(',')}" }
    - { name: authType, value: "none" }
    - { name: clientID, value: "{appID}" }
    - { name: initialOffset, value: "oldest" }
${extra}`;
  writeFileSync(join(dir, 'pubsub.yaml'), kafka('pubsub', ''));
  writeFileSync(
    join(dir, 'pubsub-broadcast.yaml'),
    kafka('pubsub-broadcast', '    - { name: consumerGroup, value: "{appID}-{uuid}" }\n'),
  );
  writeFileSync(
    join(dir, 'resiliency.yaml'),
    `apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata:
  name: taskstream-test
spec:
  policies:
    retries:
      eventDelivery: { policy: constant, duration: 200ms, maxRetries: 25 }
  targets:
    components:
      pubsub: { inbound: { retry: eventDelivery } }
      pubsub-broadcast: { inbound: { retry: eventDelivery } }
`,
  );
  return dir;
}

interface Sidecar {
  appId: string;
  runDir: string;
  appPort: number;
  httpPort: number;
  grpcPort: number;
  app: FastifyInstance | null;
}

async function newSidecar(appId: string): Promise<Sidecar> {
  const runDir = mkdtempSync(join(RUN_DIR, 'run-'));
  return {
    appId,
    runDir,
    appPort: await freePort(),
    httpPort: await freePort(),
    grpcPort: await freePort(),
    app: null,
  };
}

async function startSidecar(
  sidecar: Sidecar,
  componentsDir: string,
  expectedSubscriptions: number,
): Promise<void> {
  await infra(
    'daprd-run',
    [
      '--background',
      ...['--app-id', sidecar.appId, '--app-port', String(sidecar.appPort)],
      ...['--dapr-http-port', String(sidecar.httpPort), '--dapr-grpc-port', String(sidecar.grpcPort)],
      ...['--resources-path', componentsDir],
    ],
    { DAPR_RUN_DIR: sidecar.runDir, DAPR_SCHEDULER_ADDRESS: 'none' },
  );
  // daprd reads /dapr/subscribe once the app port answers; wait until it lists them all.
  await waitFor(async () => {
    const metadata = (await (await fetch(`http://127.0.0.1:${sidecar.httpPort}/v1.0/metadata`)).json()) as {
      subscriptions?: unknown[];
    };
    return (metadata.subscriptions?.length ?? 0) >= expectedSubscriptions ? true : null;
  }, `subscriptions of sidecar ${sidecar.appId}`);
}

async function stopSidecar(sidecar: Sidecar): Promise<void> {
  await infra('daprd-run', ['--stop', '--app-id', sidecar.appId], { DAPR_RUN_DIR: sidecar.runDir });
}

/** Serves a bus's subscription routes on the sidecar's app port. */
async function serve(sidecar: Sidecar, bus: DaprBus): Promise<FastifyInstance> {
  const app = Fastify();
  await daprRoutes(app, bus);
  await app.listen({ port: sidecar.appPort, host: '127.0.0.1' });
  sidecar.app = app;
  return app;
}

async function crashApp(sidecar: Sidecar): Promise<void> {
  const app = sidecar.app;
  sidecar.app = null;
  if (!app) return;
  const closing = app.close();
  app.server.closeAllConnections();
  await closing;
}

export async function daprHarness(): Promise<Harness> {
  await requireKafka(SHARED_BROKERS);
  const shared = components(SHARED_BROKERS);
  return {
    name: 'dapr',
    multiProcess: true,
    world: () => daprWorld(shared),
    outage: () => daprOutage(components(OUTAGE_BROKERS)),
    close: async () => {},
  };
}

async function daprWorld(componentsDir: string): Promise<World> {
  const prefix = `${uniqueName('contract')}.`;
  const sidecars = new Map<string, Sidecar>();
  const busFor = (sidecar: Sidecar) =>
    new DaprBus({
      httpPort: sidecar.httpPort,
      pubsub: 'pubsub',
      broadcastPubsub: 'pubsub-broadcast',
      prefix,
      logger: silent,
      attempts: 5,
    });

  async function node(subscriptions: Subscription[], options: { role?: string; replica?: number } = {}) {
    const key = `${options.role ?? uniqueName('node')}-${options.replica ?? 0}`;
    let sidecar = sidecars.get(key);
    const fresh = !sidecar;
    sidecar ??= await newSidecar(`${prefix}${options.role ?? key}`.replace(/[^A-Za-z0-9_-]/g, '-'));
    sidecars.set(key, sidecar);
    const bus = busFor(sidecar);
    for (const subscription of subscriptions) await bus.subscribe(subscription);
    await serve(sidecar, bus);
    if (fresh) await startSidecar(sidecar, componentsDir, bus.subscriptions().length);
    const self = sidecar;
    return {
      bus,
      crash: () => crashApp(self),
      async stop() {
        await bus.close();
        await self.app?.close();
        self.app = null;
      },
    };
  }

  const publisher = await node([], { role: 'publisher' });
  return {
    node,
    publish: (events) => publisher.bus.publish(events),
    injectRaw: (topic, key, value) => injectRaw(SHARED_BROKERS, topicName(prefix, topic), key, value),
    async deadLetters(topic, until) {
      const records = await readTopic(SHARED_BROKERS, deadLetterTopicName(prefix, topic), (all) =>
        until(deadLetterViews(all)),
      );
      return deadLetterViews(records);
    },
    async close() {
      await Promise.all(
        [...sidecars.values()].map(async (sidecar) => {
          await stopSidecar(sidecar);
          await sidecar.app?.close();
        }),
      );
      await deleteTopics(SHARED_BROKERS, prefix);
    },
  };
}

function daprOutage(componentsDir: string): Outage {
  let sidecar: Sidecar | null = null;
  return {
    async env() {
      sidecar = await newSidecar(uniqueName('outage-app'));
      const prefix = `${uniqueName('outage')}.`;
      return { EVENT_BUS: 'dapr', DAPR_HTTP_PORT: String(sidecar.httpPort), EVENT_TOPIC_PREFIX: prefix };
    },
    async attach(app: TestApp) {
      if (!sidecar) throw new Error('call env() first');
      await app.app.http.listen({ port: sidecar.appPort, host: '127.0.0.1' });
      const bus = app.app.bus as DaprBus;
      await startSidecar(sidecar, componentsDir, bus.subscriptions().length);
    },
    down: async () => {
      await outageBroker.down();
    },
    up: async () => {
      await outageBroker.up();
    },
    async detach() {
      if (sidecar) await stopSidecar(sidecar);
    },
  };
}

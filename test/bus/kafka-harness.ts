// The Kafka adapter in the contract suite: each world is a topic and group prefix of its own on
// the running broker; a process is one KafkaBus. Crashing closes it with a tiny grace period, so
// what it was handling stays uncommitted and goes to the next member of its group.
import { deadLetterTopicName, topicName } from '../../src/events/bus/envelope.ts';
import { KafkaBus } from '../../src/events/bus/kafka.ts';
import type { TestApp } from '../support/app.ts';
import {
  deadLetterViews,
  deleteTopics,
  injectRaw,
  OUTAGE_BROKERS,
  outageBroker,
  readTopic,
  requireKafka,
  SHARED_BROKERS,
} from './brokers.ts';
import { type Harness, type Outage, silent, uniqueName, type World } from './harness.ts';

export async function kafkaHarness(): Promise<Harness> {
  await requireKafka(SHARED_BROKERS);
  return {
    name: 'kafka',
    multiProcess: true,
    world: async () => kafkaWorld(),
    outage: kafkaOutage,
    close: async () => {},
  };
}

function newBus(prefix: string, replicaId: string, brokers = SHARED_BROKERS): KafkaBus {
  return new KafkaBus({
    brokers,
    logger: silent,
    replicaId,
    prefix,
    partitions: 3,
    retry: { attempts: 5, backoffMs: 50, maxBackoffMs: 400 },
    sessionTimeoutMs: 6_000,
    closeTimeoutMs: 300,
  });
}

async function kafkaWorld(): Promise<World> {
  const prefix = `${uniqueName('contract')}.`;
  const buses: KafkaBus[] = [];
  const publisher = newBus(prefix, 'publisher');
  buses.push(publisher);
  let replicas = 0;
  return {
    async node(subscriptions, options = {}) {
      const bus = newBus(prefix, `${options.role ?? 'node'}-${options.replica ?? 0}-${replicas++}`);
      buses.push(bus);
      for (const subscription of subscriptions) await bus.subscribe(subscription);
      await bus.joined();
      return { bus, crash: () => bus.close(), stop: () => bus.close() };
    },
    publish: (events) => publisher.publish(events),
    injectRaw: (topic, key, value) => injectRaw(SHARED_BROKERS, topicName(prefix, topic), key, value),
    async deadLetters(topic, until) {
      const records = await readTopic(SHARED_BROKERS, deadLetterTopicName(prefix, topic), (all) =>
        until(deadLetterViews(all)),
      );
      return deadLetterViews(records);
    },
    async close() {
      await Promise.all(buses.map((bus) => bus.close()));
      await deleteTopics(SHARED_BROKERS, prefix);
    },
  };
}

function kafkaOutage(): Outage {
  return {
    env: async () => ({
      EVENT_BUS: 'kafka',
      KAFKA_BROKERS: OUTAGE_BROKERS.join(','),
      EVENT_TOPIC_PREFIX: `${uniqueName('outage')}.`,
      KAFKA_TOPIC_PARTITIONS: '3',
    }),
    attach: async (app: TestApp) => {
      await (app.app.bus as KafkaBus).joined();
    },
    down: async () => {
      await outageBroker.down();
    },
    up: async () => {
      await outageBroker.up();
    },
    detach: async () => {},
  };
}

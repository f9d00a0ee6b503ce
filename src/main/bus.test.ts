import Fastify from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { DaprBus } from '../events/bus/dapr.ts';
import { KafkaBus } from '../events/bus/kafka.ts';
import { MemoryBus } from '../events/bus/memory.ts';
import { createBus } from './bus.ts';

const deps = { logger: pino({ level: 'silent' }), deadLetters: { record: async () => {} } };

describe('createBus', () => {
  it('is the in-process bus by default, with no routes', async () => {
    const { bus, routes } = await createBus(loadConfig({}), deps);
    expect(bus).toBeInstanceOf(MemoryBus);
    expect(routes).toEqual([]);
  });

  it('builds the Kafka bus from KAFKA_* and the topic prefix', async () => {
    const config = loadConfig({
      EVENT_BUS: 'kafka',
      KAFKA_BROKERS: '127.0.0.1:1',
      EVENT_TOPIC_PREFIX: 'staging.',
      REPLICA_ID: 'web-1',
    });
    const { bus, routes } = await createBus(config, deps);
    expect(bus).toBeInstanceOf(KafkaBus);
    expect((bus as KafkaBus).groupId({ group: 'realtime', broadcast: true })).toBe('staging.realtime-web-1');
    expect(routes).toEqual([]);
    await bus.close();
  });

  it('builds the Dapr bus and mounts its subscription routes', async () => {
    const config = loadConfig({ EVENT_BUS: 'dapr', DAPR_HTTP_PORT: '3999', APP_API_TOKEN: 'tok' });
    const { bus, routes } = await createBus(config, deps);
    expect(bus).toBeInstanceOf(DaprBus);
    const app = Fastify();
    for (const mount of routes) await mount(app);
    const refused = await app.inject({ method: 'GET', url: '/dapr/subscribe' });
    expect(refused.statusCode).toBe(401);
    const listed = await app.inject({
      method: 'GET',
      url: '/dapr/subscribe',
      headers: { 'dapr-api-token': 'tok' },
    });
    expect(listed.json()).toEqual([]);
  });
});

describe('bus configuration', () => {
  it('has defaults for prefixes, partitions, replica and broadcast component', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      topicPrefix: '',
      kafkaTopicPartitions: 6,
      daprPubsubBroadcast: 'pubsub-broadcast',
      daprApiToken: undefined,
      appApiToken: undefined,
    });
    expect(config.replicaId).toMatch(/^[A-Za-z0-9._-]+-\d+$/);
    expect(loadConfig({ DAPR_PUBSUB: 'bus' }).daprPubsubBroadcast).toBe('bus-broadcast');
  });

  it('refuses replica ids that cannot name a consumer group', () => {
    expect(() => loadConfig({ REPLICA_ID: 'a b' })).toThrow(/REPLICA_ID/);
    expect(() => loadConfig({ KAFKA_TOPIC_PARTITIONS: '0' })).toThrow(/KAFKA_TOPIC_PARTITIONS/);
  });
});

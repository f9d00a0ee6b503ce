// What the Kafka bus does without a broker; with one, test/bus runs the whole contract.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { makeEvent } from '../../domain/events.ts';
import { KafkaBus } from './kafka.ts';

const logger = pino({ level: 'silent' });
// Nothing listens on port 1: connections are refused at once.
const unreachable = () =>
  new KafkaBus({ brokers: ['127.0.0.1:1'], logger, replicaId: 'r1', prefix: 'p.', closeTimeoutMs: 100 });
const event = makeEvent(
  'todo.task.created',
  { userId: 'u1', task: {} as never },
  { id: 'e1', source: 'taskstream/api', subject: 't1', userId: 'u1', time: new Date(0) },
);

describe('KafkaBus', () => {
  it('names one group per role, and one per replica for broadcast subscriptions', () => {
    const bus = unreachable();
    expect(bus.groupId({ group: 'audit' })).toBe('p.audit');
    expect(bus.groupId({ group: 'realtime', broadcast: true })).toBe('p.realtime-r1');
  });

  it('needs a broker list', () => {
    expect(() => new KafkaBus({ brokers: [], logger, replicaId: 'r' })).toThrow(/at least one broker/);
  });

  it('reports unhealthy quickly when the broker is unreachable', async () => {
    const bus = unreachable();
    const started = Date.now();
    expect(await bus.healthy()).toBe(false);
    expect(Date.now() - started).toBeLessThan(3_000);
    await bus.close();
    expect(await bus.healthy()).toBe(false);
  });

  it('rejects a publish it cannot get acknowledged, so the relay retries', async () => {
    const bus = unreachable();
    await expect(bus.publish([event])).rejects.toThrow();
    await bus.publish([]); // nothing to do needs no broker
    await bus.close();
    await expect(bus.publish([event])).rejects.toThrow(/closed/);
  }, 20_000);

  it('subscribes without waiting for the broker, refuses a group twice, and closes promptly', async () => {
    const bus = unreachable();
    const subscription = { group: 'audit', types: ['todo.task.created'] as const, deliver: async () => {} };
    await bus.subscribe(subscription);
    await expect(bus.subscribe(subscription)).rejects.toThrow(/already subscribed/);
    const started = Date.now();
    await bus.close();
    await bus.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(bus.subscribe({ ...subscription, group: 'other' })).rejects.toThrow(/closed/);
  }, 20_000);
});

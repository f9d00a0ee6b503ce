// The bare floor for the events benchmark: the same Kafka, the same client (@platformatic/kafka),
// the same message size and keys, and nothing else — an idempotent acks=all producer sending
// batches of 500 (as the relay does) and one consumer group reading them, no outbox, no database,
// no CloudEvent decoding, no transaction per event. Messages per second from first send to last
// receipt, and for the consumer alone on a full topic.
import { randomBytes } from 'node:crypto';
import { Admin, Consumer, compatibilityPartitioner, ProduceAcks, Producer } from '@platformatic/kafka';

export interface KafkaBaseline {
  messages: number;
  bytesPerMessage: number;
  endToEndPerSecond: number;
  producePerSecond: number;
}

export async function kafkaBaseline(
  brokers: string[],
  messages: number,
  value: Buffer,
): Promise<KafkaBaseline> {
  const topic = `bench-baseline-${randomBytes(4).toString('hex')}`;
  const admin = new Admin({ clientId: 'bench-baseline', bootstrapBrokers: brokers });
  await admin.createTopics({ topics: [topic], partitions: 6, replicas: 1 });
  const producer = new Producer({
    clientId: 'bench-baseline',
    bootstrapBrokers: brokers,
    idempotent: true,
    acks: ProduceAcks.ALL,
    partitioner: compatibilityPartitioner,
  });
  const consumer = new Consumer({
    groupId: `${topic}-group`,
    clientId: 'bench-baseline',
    bootstrapBrokers: brokers,
    maxWaitTime: 100,
  });
  try {
    let received = 0;
    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => {
      resolveDone = resolve;
    });
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: true });
    stream.on('data', () => {
      if (++received === messages) resolveDone();
    });
    const keys = Array.from({ length: 200 }, (_, i) => Buffer.from(`bench-user-${i}`));
    const start = performance.now();
    for (let sent = 0; sent < messages; sent += 500) {
      const n = Math.min(500, messages - sent);
      await producer.send({
        messages: Array.from({ length: n }, (_, i) => ({
          topic,
          key: keys[(sent + i) % keys.length]!,
          value,
        })),
      });
    }
    const produced = performance.now();
    await done;
    const end = performance.now();
    await stream.close();
    return {
      messages,
      bytesPerMessage: value.length,
      endToEndPerSecond: Math.round((messages * 1_000) / (end - start)),
      producePerSecond: Math.round((messages * 1_000) / (produced - start)),
    };
  } finally {
    await consumer.close(true).catch(() => {});
    await producer.close().catch(() => {});
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.close().catch(() => {});
  }
}

// Real brokers for the bus contract suite: the running Kafka (KAFKA_BROKERS, default
// 127.0.0.1:9092) for ordinary cases, and a dedicated one the outage case may stop and start
// without disturbing anybody else's broker. Missing infrastructure fails loudly, never skips.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Admin, Consumer, Producer } from '@platformatic/kafka';
import type { DeadLetterView } from './harness.ts';
import { sleep, uniqueName, waitFor } from './harness.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
/** The broker the outage case stops: its own port and data dir, wiped after the suite. */
export const OUTAGE_PORT = Number(process.env.BUS_TEST_OUTAGE_KAFKA_PORT ?? 19392);
export const OUTAGE_BROKERS = [`127.0.0.1:${OUTAGE_PORT}`];

/** Runs a scripts/infra script; rejects with its stderr tail. */
export function infra(
  script: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      `${ROOT}scripts/infra/${script}`,
      args,
      { env: { ...process.env, ...env }, timeout: 150_000, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(
              `scripts/infra/${script} ${args.join(' ')} failed (${error.code ?? error.signal}):\n${stderr.slice(-2_000)}`,
            ),
          );
        else resolve(stdout.trim());
      },
    );
  });
}

const outageEnv = { KAFKA_PORT: String(OUTAGE_PORT) };
export const outageBroker = {
  up: () => infra('kafka-up', [], outageEnv),
  down: () => infra('kafka-down', [], outageEnv),
  wipe: () => infra('kafka-down', ['--wipe'], outageEnv),
};

/** Fails with instructions when the shared broker does not answer a metadata request. */
export async function requireKafka(brokers: string[]): Promise<void> {
  const admin = new Admin({
    clientId: 'bus-contract',
    bootstrapBrokers: brokers,
    retries: 1,
    timeout: 3_000,
  });
  try {
    await admin.metadata({ topics: [] });
  } catch (error) {
    throw new Error(
      `Kafka is not reachable at ${brokers.join(',')} (${(error as Error).message}). The bus contract ` +
        'suite needs real brokers: start one with scripts/infra/kafka-up (or eval "$(scripts/infra/up-all)"). ' +
        'This is a failure, not a skip, also under CI=true.',
    );
  } finally {
    await admin.close().catch(() => {});
  }
}

export interface TopicRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Reads a topic from the beginning (as an independent client) until `until` holds. */
export async function readTopic(
  brokers: string[],
  topic: string,
  until: (records: TopicRecord[]) => boolean,
  ms = 30_000,
): Promise<TopicRecord[]> {
  const admin = new Admin({ clientId: 'bus-contract-reader', bootstrapBrokers: brokers });
  // A dead-letter topic Dapr writes to appears only with its first message.
  await waitFor(async () => ((await admin.listTopics()).includes(topic) ? true : null), `topic ${topic}`, ms);
  await admin.close();
  const consumer = new Consumer({
    groupId: uniqueName('reader'),
    clientId: 'bus-contract-reader',
    bootstrapBrokers: brokers,
    maxWaitTime: 200,
  });
  const records: TopicRecord[] = [];
  try {
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
    stream.on('data', (message) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of message.headers) headers[name.toString()] = value.toString();
      records.push({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers });
    });
    const deadline = Date.now() + ms;
    while (!until(records)) {
      if (Date.now() > deadline) throw new Error(`timed out reading ${topic}: ${records.length} record(s)`);
      await sleep(50);
    }
    await stream.close();
    return records;
  } finally {
    await consumer.close(true).catch(() => {});
  }
}

/** Dead letters as both broker buses write them: the event, the dlq-* headers. */
export function deadLetterViews(records: TopicRecord[]): DeadLetterView[] {
  return records.map((record) => {
    const origin: Record<string, string> = {};
    for (const name of ['topic', 'partition', 'offset', 'attempts'])
      if (record.headers[`dlq-${name}`] !== undefined) origin[name] = record.headers[`dlq-${name}`]!;
    let eventId = '';
    try {
      eventId = (JSON.parse(record.value) as { id?: string }).id ?? '';
    } catch {
      // not an event at all (what a broken producer wrote): recognised by its raw value
    }
    return {
      eventId,
      value: record.value,
      group: record.headers['dlq-group'] ?? '',
      error: record.headers['dlq-error'] ?? '',
      origin,
    };
  });
}

/** Writes a record straight to a topic, as a foreign or broken producer would. */
export async function injectRaw(brokers: string[], topic: string, key: string, value: string): Promise<void> {
  const producer = new Producer({ clientId: 'bus-contract-raw', bootstrapBrokers: brokers });
  try {
    await producer.send({ messages: [{ topic, key: Buffer.from(key), value: Buffer.from(value) }] });
  } finally {
    await producer.close();
  }
}

/** Removes a world's topics from the shared broker, so test runs do not pile them up. */
export async function deleteTopics(brokers: string[], prefix: string): Promise<void> {
  const admin = new Admin({ clientId: 'bus-contract-cleanup', bootstrapBrokers: brokers });
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.close().catch(() => {});
  }
}

// What the broker-backed buses share: topic naming, and turning bytes from a broker back into a
// catalogue event. A broker can hand us anything (another producer, a manual kcat, a newer
// release's event type), so decoding checks the envelope instead of trusting a cast.
import {
  type AnyCloudEvent,
  EVENT_TOPIC,
  type EventType,
  isEventType,
  type Topic,
} from '../../domain/events.ts';
import type { Logger } from '../../ports/index.ts';

/** The name of a catalogue topic on the broker: deployments sharing a cluster use a prefix. */
export function topicName(prefix: string, topic: Topic): string {
  return `${prefix}${topic}`;
}

/** Where events a consumer group gave up on are kept, next to their topic. */
export function deadLetterTopicName(prefix: string, topic: Topic): string {
  return `${prefix}${topic}.dlq`;
}

/** The topics carrying these types, each once, in catalogue order. */
export function topicsOf(types: readonly EventType[]): Topic[] {
  return [...new Set(types.map((type) => EVENT_TOPIC[type]))];
}

export type Decoded = { ok: true; event: AnyCloudEvent } | { ok: false; error: string };

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * A structured-mode CloudEvent of the catalogue, or why not. Attributes a transport adds (Dapr's
 * topic, pubsubname, trace ids) are dropped, so consumers see exactly what was published.
 */
export function decodeEvent(body: string | Buffer | undefined | null): Decoded {
  if (body === undefined || body === null || body.length === 0) return { ok: false, error: 'empty body' };
  let value: unknown;
  try {
    value = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: 'not a JSON object' };
  const e = value as Record<string, unknown>;
  if (e.specversion !== '1.0') return { ok: false, error: 'specversion is not 1.0' };
  for (const name of ['id', 'source', 'type', 'subject', 'time', 'partitionkey'] as const)
    if (!isText(e[name])) return { ok: false, error: `attribute ${name} is missing` };
  const type = e.type as string;
  if (!isEventType(type)) return { ok: false, error: `unknown event type ${type}` };
  if (typeof e.data !== 'object' || e.data === null) return { ok: false, error: 'data is not an object' };
  const event = {
    specversion: '1.0',
    id: e.id,
    source: e.source,
    type,
    subject: e.subject,
    time: e.time,
    datacontenttype: 'application/json',
    partitionkey: e.partitionkey,
    data: e.data,
  } as AnyCloudEvent;
  return { ok: true, event };
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', done);
      clearTimeout(timer);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Waits for `work` (its failure only logged) at most `ms`: shutdown must not hang on a dead broker. */
export async function settleWithin(
  work: Promise<unknown> | undefined,
  ms: number,
  logger: Logger,
): Promise<void> {
  if (!work) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([
    work.catch((error: unknown) => logger.debug({ err: errorText(error) }, 'close failed')),
    timeout,
  ]);
  clearTimeout(timer);
}

// What the bus contract suite needs from each adapter: "worlds" (an isolated set of topics and
// groups) in which it starts consumer processes, publishes like the relay, and reads dead letters;
// plus control over a broker the outage case may stop. Memory is the reference implementation.
import { createServer } from 'node:net';
import pino from 'pino';
import type { TaskDto } from '../../contract/task.ts';
import { type AnyCloudEvent, makeEvent, type Topic } from '../../src/domain/events.ts';
import { newId } from '../../src/domain/ids.ts';
import { MemoryBus } from '../../src/events/bus/memory.ts';
import type { DeadLetterStore, EventBus, Subscription } from '../../src/ports/index.ts';
import type { TestApp } from '../support/app.ts';

export type AdapterName = 'memory' | 'kafka' | 'dapr';

export const silent = pino({ level: process.env.BUS_TEST_LOG ?? 'silent' });

export interface DeadLetterView {
  eventId: string;
  /** The dead-lettered bytes, when they came off a wire. */
  value?: string;
  group: string;
  error: string;
  /** Where the event came from, when the adapter records it (topic, partition, offset). */
  origin: Record<string, string>;
}

export interface NodeOptions {
  /**
   * The role the process plays: on Dapr, the app id (its Kafka consumer group); processes of one
   * role started one after another reuse its sidecar, like an app restarting next to it.
   */
  role?: string;
  /** A second, concurrent replica of the same role (its own sidecar on Dapr). */
  replica?: number;
}

export interface BusNode {
  bus: EventBus;
  /** Ends the process without acknowledging what it is handling (in-flight work is abandoned). */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

export interface World {
  node(subscriptions: Subscription[], options?: NodeOptions): Promise<BusNode>;
  /** Publishes like the relay: resolves once the bus accepted the events. */
  publish(events: AnyCloudEvent[]): Promise<void>;
  /** Writes raw bytes to a topic, bypassing the bus (only where there is a wire). */
  injectRaw?: (topic: Topic, key: string, value: string) => Promise<void>;
  /** Waits until the dead letters of a topic satisfy `until`, and returns them. */
  deadLetters(topic: Topic, until: (all: DeadLetterView[]) => boolean): Promise<DeadLetterView[]>;
  close(): Promise<void>;
}

/** A broker the outage case stops and starts, and how a Taskstream test app reaches it. */
export interface Outage {
  /** Environment for startTestApp (may allocate ports, e.g. for a sidecar). */
  env(): Promise<Record<string, string>>;
  /** After the app started (e.g. listen and start its sidecar). */
  attach(app: TestApp): Promise<void>;
  down(app: TestApp): Promise<void>;
  up(app: TestApp): Promise<void>;
  detach(): Promise<void>;
}

export interface Harness {
  name: AdapterName;
  /** Whether consumers can live in separate processes (not so for the in-process bus). */
  multiProcess: boolean;
  world(): Promise<World>;
  outage(): Outage;
  close(): Promise<void>;
}

export function memoryHarness(): Harness {
  return {
    name: 'memory',
    multiProcess: false,
    async world() {
      const dead: DeadLetterView[] = [];
      const deadLetters: DeadLetterStore = {
        record: async (consumer, event, error) => {
          dead.push({ eventId: event.id, group: consumer, error, origin: {} });
        },
      };
      const bus = new MemoryBus({ deadLetters, logger: silent, backoffMs: 20 });
      return {
        async node(subscriptions) {
          for (const subscription of subscriptions) await bus.subscribe(subscription);
          return { bus, crash: async () => {}, stop: async () => {} };
        },
        publish: (events) => bus.publish(events),
        deadLetters: async (_topic, until) => waitFor(() => (until(dead) ? dead : null), 'dead letters'),
        close: () => bus.close(),
      };
    },
    outage() {
      // The in-process bus has no broker: an outage is its publish failing, which is what the
      // relay sees of a broker that is down.
      let original: EventBus['publish'] | null = null;
      return {
        env: async () => ({ EVENT_BUS: 'memory' }),
        attach: async () => {},
        async down(app) {
          const bus = app.app.bus;
          original = bus.publish.bind(bus);
          bus.publish = async () => {
            throw new Error('bus unavailable (simulated outage)');
          };
        },
        async up(app) {
          if (original) app.app.bus.publish = original;
        },
        detach: async () => {},
      };
    },
    close: async () => {},
  };
}

let sequence = 0;

/** A catalogue event for user `user`; `label` rides in the subject so tests can tell events apart. */
export function taskEvent(user: string, label: string): AnyCloudEvent {
  const task = { id: newId(), title: label } as unknown as TaskDto;
  return makeEvent(
    'todo.task.created',
    { userId: user, task },
    {
      id: newId(),
      source: 'taskstream/test',
      subject: label,
      userId: user,
      time: new Date(Date.now() + sequence++),
    },
  );
}

/** Short unique names for topics, groups and app ids of one test run. */
export function uniqueName(stem: string): string {
  return `${stem}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Polls `probe` until it returns a value other than null/undefined, or fails after `ms`. */
export async function waitFor<T>(
  probe: () => T | null | undefined | Promise<T | null | undefined>,
  what: string,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

import { execFileSync } from 'node:child_process';
import pino from 'pino';
import { DaprBus } from './src/events/bus/dapr.ts';
import { makeEvent } from './src/domain/events.ts';
import { newId } from './src/domain/ids.ts';
const logger = pino({ level: 'warn' });
const prefix = `bench${Date.now()}.`;
execFileSync('scripts/infra/daprd-run', ['--background', '--app-id', 'dbench', '--dapr-http-port', '13610', '--dapr-grpc-port', '13611', '--resources-path', '/tmp/bx/comp'], { env: { ...process.env, KAFKA_BROKERS: '127.0.0.1:9092', DAPR_SCHEDULER_ADDRESS: 'none' }, stdio: 'ignore' });
const bus = new DaprBus({ httpPort: 13610, pubsub: 'pubsub', broadcastPubsub: 'x', prefix, logger });
const ev = (i: number) => makeEvent('todo.task.created', { userId: 'u' + (i % 50), task: { title: 'x'.repeat(300) } as any }, { id: newId(), source: 'x', subject: 's' + i, userId: 'u' + (i % 50), time: new Date() });
await bus.publish([ev(0)]);
for (const n of [500, 2000]) {
  const evs = Array.from({ length: n }, (_, i) => ev(i));
  let t = Date.now();
  for (let i = 0; i < evs.length; i += 500) await bus.publish(evs.slice(i, i + 500));
  const single = Date.now() - t;
  t = Date.now();
  for (let i = 0; i < evs.length; i += 500) {
    const entries = evs.slice(i, i + 500).map((e, j) => ({ entryId: String(j), event: e, contentType: 'application/cloudevents+json', metadata: { partitionKey: e.partitionkey } }));
    const r = await fetch(`http://127.0.0.1:13610/v1.0-alpha1/publish/bulk/pubsub/${prefix}task-events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(entries) });
    if (!r.ok) console.log('bulk', r.status, (await r.text()).slice(0, 300)); else await r.text();
  }
  const bulk = Date.now() - t;
  console.log(`${n} events: single-event publishes ${single} ms (${Math.round(n / single * 1000)}/s), bulk ${bulk} ms (${Math.round(n / bulk * 1000)}/s)`);
}
execFileSync('scripts/infra/daprd-run', ['--stop', '--app-id', 'dbench'], { stdio: 'ignore' });

// Kafka stopped for 60 s while users keep writing: the API keeps answering 2xx (writes only touch
// PostgreSQL and the outbox), the outbox backlog grows while the relay cannot publish and drains
// once the broker is back, and every write's event reaches the consumers once in effect (the
// activity log holds one entry per acknowledged write, none missing, none doubled).
import { describe, expect, it } from 'vitest';
import { call, createdInActivity, diff, outboxPending, signUp, writeStream } from './client.ts';
import { baseUrl, kafka, waitUntil } from './deployment.ts';

const OUTAGE_MS = Number(process.env.FAULTS_KAFKA_OUTAGE_MS ?? 60_000);

describe('Kafka down for a minute', () => {
  it('keeps the API answering, backs events up in the outbox, and delivers each once afterwards', async () => {
    const url = baseUrl();
    const token = await signUp(url, 'kafka-outage');
    const writes = writeStream(url, token, { workers: 2, pauseMs: 100, title: 'during the outage' });
    let restarted = false;
    try {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const stoppedAt = Date.now();
      await kafka.stop();
      let peak = 0;
      while (Date.now() - stoppedAt < OUTAGE_MS) {
        peak = Math.max(peak, await outboxPending(url));
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      const ackedDuringOutage = writes.log.acked.length;
      await kafka.start();
      restarted = true;
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const log = await writes.stop();

      expect(log.failed, 'every write answered 2xx').toEqual([]);
      // Writes kept being acknowledged during the outage (a few per second even on a busy machine).
      expect(ackedDuringOutage).toBeGreaterThan(50);
      // Lag grew while nothing could be published (the writes kept coming).
      expect(peak).toBeGreaterThan(50);
      // … and drains once the broker is back (the relay's back-off is at most 30 s).
      await waitUntil('the outbox to drain', async () => (await outboxPending(url)) === 0, 180_000);
      await waitUntil(
        'every write in the activity log',
        async () => (await createdInActivity(url, token)).length >= log.acked.length,
        180_000,
      );
      // A moment for a redelivered duplicate to show up, then exactly once each.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const seen = await createdInActivity(url, token);
      expect(diff(log.acked, seen)).toEqual({ missing: [], doubled: [], extra: [] });
      expect(seen).toHaveLength(log.acked.length);
      // The system is whole again: a new write goes all the way through.
      const after = await call(url, 'POST', '/api/tasks', token, { title: 'after the outage' });
      expect(after.status).toBe(201);
      await waitUntil('the new write in the activity log', async () =>
        (await createdInActivity(url, token)).includes(after.body.id),
      );
    } finally {
      await writes.stop();
      if (!restarted) await kafka.start();
    }
  });
});

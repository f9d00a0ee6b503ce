import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { makeEvent } from '../../domain/events.ts';
import type { Subscription } from '../../ports/index.ts';
import { backoff, deliverWithRetry } from './retry.ts';

const logger = pino({ level: 'silent' });
const event = makeEvent(
  'todo.task.created',
  { userId: 'u1', task: {} as never },
  { id: 'e1', source: 'taskstream/api', subject: 't1', userId: 'u1', time: new Date(0) },
);
const policy = { attempts: 3, backoffMs: 1, maxBackoffMs: 4 };

function failing(times: number) {
  let calls = 0;
  const subscription: Subscription = {
    group: 'g',
    types: ['todo.task.created'],
    deliver: async () => {
      calls++;
      if (calls <= times) throw new Error(`failure ${calls}`);
    },
  };
  return { subscription, calls: () => calls };
}

describe('deliverWithRetry', () => {
  it('delivers after transient failures', async () => {
    const s = failing(2);
    const outcome = await deliverWithRetry(
      s.subscription,
      event,
      policy,
      logger,
      new AbortController().signal,
    );
    expect(outcome).toEqual({ status: 'delivered' });
    expect(s.calls()).toBe(3);
  });

  it('gives up after the last attempt with the last error', async () => {
    const s = failing(10);
    const outcome = await deliverWithRetry(
      s.subscription,
      event,
      policy,
      logger,
      new AbortController().signal,
    );
    expect(outcome).toEqual({ status: 'failed', error: 'failure 3', attempts: 3 });
  });

  it('stops retrying when aborted (shutdown): the event stays unacknowledged', async () => {
    const controller = new AbortController();
    const s = failing(10);
    const slow = { attempts: 5, backoffMs: 60_000, maxBackoffMs: 60_000 };
    const running = deliverWithRetry(s.subscription, event, slow, logger, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    expect(await running).toEqual({ status: 'aborted' });
    expect(s.calls()).toBe(1);
  });

  it('doubles the pause up to its bound', () => {
    expect(
      [1, 2, 3, 4, 5].map((n) => backoff({ attempts: 9, backoffMs: 100, maxBackoffMs: 500 }, n)),
    ).toEqual([100, 200, 400, 500, 500]);
  });
});

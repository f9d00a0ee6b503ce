import { describe, expect, it } from 'vitest';
import { PartitionQueues, type Positioned } from './kafka-partitions.ts';

const record = (partition: number, offset: number, topic = 't'): Positioned => ({
  topic,
  partition,
  offset: BigInt(offset),
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function harness(handle: (r: Positioned) => Promise<void> = async () => {}, maxBuffered = 100) {
  const handled: string[] = [];
  const flow: string[] = [];
  const errors: unknown[] = [];
  const queues = new PartitionQueues<Positioned>({
    handle: async (r) => {
      await handle(r);
      handled.push(`${r.partition}:${r.offset}`);
    },
    maxBuffered,
    pause: () => flow.push('pause'),
    resume: () => flow.push('resume'),
    onError: (error) => errors.push(error),
  });
  return { queues, handled, flow, errors };
}

describe('PartitionQueues', () => {
  it('handles a partition in offset order, one record at a time', async () => {
    let running = 0;
    let most = 0;
    const h = harness(async () => {
      running++;
      most = Math.max(most, running);
      await tick();
      running--;
    });
    for (let i = 0; i < 5; i++) h.queues.push(record(0, i));
    await h.queues.idle();
    expect(h.handled).toEqual(['0:0', '0:1', '0:2', '0:3', '0:4']);
    expect(most).toBe(1);
  });

  it('runs partitions side by side: a slow one does not hold the others', async () => {
    let release = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const h = harness((r) => (r.topic === 't' && r.partition === 0 ? blocked : Promise.resolve()));
    h.queues.push(record(0, 0));
    h.queues.push(record(1, 0));
    h.queues.push(record(1, 1));
    h.queues.push(record(0, 1, 'other-topic'));
    await tick();
    expect([...h.handled].sort()).toEqual(['0:1', '1:0', '1:1']); // all but the slow one
    release();
    await h.queues.idle();
    expect(h.handled.at(-1)).toBe('0:0');
  });

  it('skips records it already took (a refetch after a rebalance)', async () => {
    const h = harness();
    h.queues.push(record(0, 0));
    h.queues.push(record(0, 1));
    h.queues.push(record(0, 0));
    h.queues.push(record(0, 1));
    h.queues.push(record(0, 2));
    await h.queues.idle();
    expect(h.handled).toEqual(['0:0', '0:1', '0:2']);
  });

  it('drops what it queued for partitions it lost, and takes them again if they come back', async () => {
    let release = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const h = harness((r) => (r.offset === 0n ? blocked : Promise.resolve()));
    for (let i = 0; i < 3; i++) h.queues.push(record(0, i));
    h.queues.push(record(1, 5));
    h.queues.retain([{ topic: 't', partitions: [1] }]);
    expect(h.queues.size).toBe(0);
    h.queues.push(record(0, 1)); // reassigned: refetched from the committed offset
    release();
    await h.queues.idle();
    expect(h.handled).toEqual(['1:5', '0:0', '0:1']);
  });

  it('pauses fetching while too much is queued, resumes at half', async () => {
    let release = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const h = harness(() => blocked, 4);
    for (let i = 0; i < 6; i++) h.queues.push(record(0, i));
    expect(h.flow).toEqual(['pause']);
    release();
    await h.queues.idle();
    expect(h.flow).toEqual(['pause', 'resume']);
  });

  it('stops taking records when stopped, leaving the rest unhandled', async () => {
    let release = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const h = harness(() => blocked);
    h.queues.push(record(0, 0));
    h.queues.push(record(0, 1));
    h.queues.stop();
    h.queues.push(record(0, 2));
    release();
    await h.queues.idle();
    expect(h.handled).toEqual(['0:0']);
  });

  it('reports a failing handler and stops', async () => {
    const h = harness(async () => {
      throw new Error('bug');
    });
    h.queues.push(record(0, 0));
    h.queues.push(record(0, 1));
    await h.queues.idle();
    expect(h.errors).toHaveLength(1);
    expect(h.handled).toEqual([]);
  });

  it('hands records that queued up to handleBatch together, in order, at most maxBatch at a time', async () => {
    let release = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const calls: string[][] = [];
    const queues = new PartitionQueues<Positioned>({
      handle: async (r) => {
        calls.push([String(r.offset)]);
        if (r.offset === 0n) await blocked;
      },
      handleBatch: async (rs) => {
        calls.push(rs.map((r) => String(r.offset)));
      },
      maxBatch: 3,
      maxBuffered: 100,
      pause: () => {},
      resume: () => {},
      onError: () => {},
    });
    queues.push(record(0, 0)); // alone: handled on its own while the others arrive
    for (let i = 1; i <= 5; i++) queues.push(record(0, i));
    queues.push(record(1, 0));
    release();
    await queues.idle();
    expect(calls).toEqual([['0'], ['0'], ['1', '2', '3'], ['4', '5']]);
    expect(queues.size).toBe(0);
  });
});

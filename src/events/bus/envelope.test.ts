import { describe, expect, it } from 'vitest';
import { makeEvent } from '../../domain/events.ts';
import { deadLetterTopicName, decodeEvent, pause, topicName, topicsOf } from './envelope.ts';

const event = makeEvent(
  'todo.task.created',
  { userId: 'u1', task: { id: 't1' } as never },
  {
    id: '01a204b0-0ce9-70aa-97ed-2dab6ac2ab0f',
    source: 'taskstream/api',
    subject: 't1',
    userId: 'u1',
    time: new Date(0),
  },
);

describe('decodeEvent', () => {
  it('returns exactly the published event, without attributes a transport added', () => {
    const wrapped = { ...event, topic: 'task-events', pubsubname: 'pubsub', traceid: '', traceparent: '' };
    expect(decodeEvent(JSON.stringify(wrapped))).toEqual({ ok: true, event });
    expect(decodeEvent(Buffer.from(JSON.stringify(event)))).toEqual({ ok: true, event });
  });

  it.each([
    [undefined, 'empty body'],
    ['', 'empty body'],
    ['{"not":"json"', 'not JSON'],
    ['[1]', 'not a JSON object'],
    [JSON.stringify({ ...event, specversion: '0.3' }), 'specversion'],
    [JSON.stringify({ ...event, partitionkey: undefined }), 'partitionkey'],
    [JSON.stringify({ ...event, type: 'todo.task.exploded' }), 'unknown event type todo.task.exploded'],
    [JSON.stringify({ ...event, data: null }), 'data is not an object'],
  ])('refuses %j (%s)', (body, reason) => {
    const decoded = decodeEvent(body);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error).toContain(reason);
  });
});

describe('names', () => {
  it('prefixes topics and puts dead letters next to them', () => {
    expect(topicName('', 'task-events')).toBe('task-events');
    expect(topicName('t1.', 'reminders')).toBe('t1.reminders');
    expect(deadLetterTopicName('t1.', 'reminders')).toBe('t1.reminders.dlq');
  });

  it('lists each topic of a set of types once', () => {
    expect(topicsOf(['todo.task.created', 'todo.task.deleted', 'todo.reminder.due'])).toEqual([
      'task-events',
      'reminders',
    ]);
  });
});

describe('pause', () => {
  it('ends early when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const waiting = pause(10_000, controller.signal);
    controller.abort();
    await waiting;
    expect(Date.now() - started).toBeLessThan(1_000);
    await pause(10_000, controller.signal); // already aborted: returns at once
  });
});

import { describe, expect, it } from 'vitest';
import { STREAM_EVENT_TYPES as CONTRACT_TYPES, StreamEventSchema } from '../../contract/stream.ts';
import { makeEvent } from '../domain/events.ts';
import { STREAM_EVENT_TYPES } from '../ports/stream.ts';
import { eventFrame, preambleFrame, resetFrame, retryDelay } from './frames.ts';

const task = {
  id: 't1',
  title: 'two\nlines\r\nand a \u2028 separator',
  description: 'data: not a field\n\nevent: nor this',
  status: 'pending' as const,
  priority: 'none' as const,
  tags: [],
  dueAt: null,
  allDay: false,
  timeZone: 'UTC',
  recurrence: null,
  reminders: [],
  seriesId: null,
  completedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};
const event = makeEvent(
  'todo.task.created',
  { userId: 'u1', task },
  {
    id: '01a204b0-0ce9-70aa-97ed-2dab6ac2ab0f',
    source: 'taskstream/api',
    subject: 't1',
    userId: 'u1',
    time: new Date(0),
  },
);

describe('SSE frames', () => {
  it('an event is event/id/data lines and a blank line, the CloudEvent on one data line', () => {
    const frame = eventFrame(event);
    const lines = frame.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('event: todo.task.created');
    expect(lines[1]).toBe(`id: ${event.id}`);
    expect(lines[2]!.startsWith('data: ')).toBe(true);
    expect(lines.slice(3)).toEqual(['', '']);
    expect(frame).not.toMatch(/\r/);
    expect(JSON.parse(lines[2]!.slice(6))).toEqual(event);
  });

  it('the preamble announces the retry delay and, when given, the id to resume from', () => {
    expect(preambleFrame(2500, null)).toBe('retry: 2500\n\n');
    expect(preambleFrame(2500, 'abc')).toBe('retry: 2500\nid: abc\n\n');
  });

  it('a reset carries its reason and the id the stream continues from', () => {
    expect(resetFrame({ reason: 'unknown-last-event-id', lastEventId: 'x' }, 'head')).toBe(
      'event: stream.reset\nid: head\ndata: {"reason":"unknown-last-event-id","lastEventId":"x"}\n\n',
    );
    expect(resetFrame({ reason: 'too-far-behind', lastEventId: 'x' }, null)).not.toMatch(/^id:/m);
  });

  it('spreads reconnection delays over [base, 2·base)', () => {
    expect(retryDelay(2000, () => 0)).toBe(2000);
    expect(retryDelay(2000, () => 0.999)).toBe(3998);
  });
});

describe('the stream contract', () => {
  it('lists exactly the types of the task-events and task-updates topics', () => {
    expect([...CONTRACT_TYPES].sort()).toEqual([...STREAM_EVENT_TYPES].sort());
  });

  it('parses what the server sends', () => {
    expect(StreamEventSchema.parse(JSON.parse(JSON.stringify(event)))).toEqual(event);
    const notification = makeEvent(
      'todo.notification.created',
      {
        userId: 'u1',
        notification: {
          id: 'n1',
          kind: 'reminder',
          taskId: 't1',
          title: 'x',
          body: 'y',
          createdAt: '2026-01-01T00:00:00.000Z',
          readAt: null,
        },
      },
      { id: 'e2', source: 'taskstream/notifier', subject: 't1', userId: 'u1', time: new Date(0) },
    );
    expect(StreamEventSchema.parse(notification)).toEqual(notification);
    expect(StreamEventSchema.safeParse({ ...event, type: 'todo.reminder.due' }).success).toBe(false);
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { SeriesService } from '../ports/series.ts';
import { recurrenceConsumer, remoteRecurrenceConsumer } from './recurrence.ts';

const completed = (recurrence: unknown) =>
  ({
    type: 'todo.task.completed',
    id: 'e1',
    partitionkey: 'u1',
    data: { userId: 'u1', task: { id: 't1', recurrence } },
  }) as never;

describe('remoteRecurrenceConsumer', () => {
  it('is the same consumer group and inbox key as the local one, without the user lock', () => {
    const remote = remoteRecurrenceConsumer({ advance: async () => ({ nextId: null }) });
    expect(remote.name).toBe(recurrenceConsumer.name);
    expect(remote.consumes).toEqual(recurrenceConsumer.consumes);
    // api takes the user's lock for the write; holding it here while waiting would deadlock.
    expect(remote.lockUser).toBeFalsy();
    expect(recurrenceConsumer.lockUser).toBe(true);
  });

  it('asks the series service for the next occurrence of a recurring task only', async () => {
    const advance = vi.fn<SeriesService['advance']>(async () => ({ nextId: 'n1' }));
    const remote = remoteRecurrenceConsumer({ advance });
    await remote.handle(completed(null), {} as never);
    expect(advance).not.toHaveBeenCalled();
    await remote.handle(completed({ rule: 'FREQ=DAILY', basis: 'due' }), {} as never);
    expect(advance).toHaveBeenCalledWith('u1', 't1');
  });

  it('fails the delivery when api cannot be asked, so the event is redelivered', async () => {
    const remote = remoteRecurrenceConsumer({
      advance: async () => {
        throw new Error('ERR_DIRECT_INVOKE');
      },
    });
    await expect(remote.handle(completed({ rule: 'FREQ=DAILY', basis: 'due' }), {} as never)).rejects.toThrow(
      'ERR_DIRECT_INVOKE',
    );
  });
});

import { describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../test/support/clock.ts';
import type { Logger } from '../ports/index.ts';
import type { JobTimer } from '../ports/jobs.ts';
import { JobsReminderDriver, REMINDER_JOB } from './jobs-reminder-driver.ts';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const NOTHING = 2 ** 31 - 1;

function setup(delays: number[]) {
  const clock = new FakeClock('2026-11-22T10:00:00Z');
  const armed: { name: string; at: Date }[] = [];
  const timer: JobTimer & { fail: number } = {
    fail: 0,
    async schedule(name, at) {
      if (this.fail > 0) {
        this.fail--;
        throw new Error('sidecar down');
      }
      armed.push({ name, at });
    },
  };
  const runOnce = vi.fn(async () => delays.shift() ?? NOTHING);
  let notify: () => void = () => {};
  const unlisten = vi.fn(async () => {});
  const driver = new JobsReminderDriver({
    scheduler: { runOnce },
    timer,
    clock,
    logger: silent,
    listen: async (onNotify) => {
      notify = onNotify;
      return unlisten;
    },
  });
  return { clock, armed, timer, runOnce, driver, notify: () => notify(), unlisten };
}

describe('JobsReminderDriver', () => {
  it('runs a catch-up round at start and arms the job for the next due reminder', async () => {
    const { driver, armed, runOnce } = setup([5_000]);
    await driver.start();
    expect(runOnce).toHaveBeenCalledTimes(1);
    expect(armed).toEqual([{ name: REMINDER_JOB, at: new Date('2026-11-22T10:00:05Z') }]);
    await driver.stop();
  });

  it('arms nothing when no reminder is due within the timer range', async () => {
    const { driver, armed } = setup([NOTHING]);
    await driver.start();
    expect(armed).toEqual([]);
    await driver.stop();
  });

  it('does not re-arm for the same instant on every notification, but does for an earlier one', async () => {
    const { driver, armed, clock } = setup([5_000, 5_000, 4_995, 2_000]);
    await driver.start();
    clock.advance(3); // a notification a few ms later computes the same instant
    await driver.trigger();
    await driver.trigger(); // jitter of a few ms: still the same reminder
    expect(armed).toHaveLength(1);
    await driver.trigger(); // an earlier reminder was added
    expect(armed.map((a) => a.at.toISOString())).toEqual([
      '2026-11-22T10:00:05.000Z',
      '2026-11-22T10:00:02.003Z',
    ]);
    await driver.stop();
  });

  it('re-arms after the job fired, even for the same delay', async () => {
    const { driver, armed, clock } = setup([1_000, 1_000]);
    await driver.start();
    clock.advance(1_000); // the job calls back at its instant
    await driver.trigger();
    expect(armed.map((a) => a.at.toISOString())).toEqual([
      '2026-11-22T10:00:01.000Z',
      '2026-11-22T10:00:02.000Z',
    ]);
    await driver.stop();
  });

  it('never runs two rounds at once: a trigger during a round runs one more round after it', async () => {
    const { driver, runOnce } = setup([]);
    let release: () => void = () => {};
    let concurrent = 0;
    let maxConcurrent = 0;
    runOnce.mockImplementation(async () => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      if (runOnce.mock.calls.length === 2) await new Promise<void>((r) => (release = r));
      concurrent--;
      return NOTHING;
    });
    await driver.start();
    const first = driver.trigger();
    const second = driver.trigger();
    const third = driver.trigger();
    release();
    await Promise.all([first, second, third]);
    expect(runOnce).toHaveBeenCalledTimes(3); // start, the blocked one, one more for both triggers
    expect(maxConcurrent).toBe(1);
    await driver.stop();
  });

  it('a notification of a changed reminder runs a round', async () => {
    const { driver, runOnce, notify, unlisten } = setup([NOTHING, 60_000]);
    await driver.start();
    notify();
    await vi.waitFor(() => expect(runOnce).toHaveBeenCalledTimes(2));
    await driver.stop();
    expect(unlisten).toHaveBeenCalled();
    await driver.trigger();
    expect(runOnce).toHaveBeenCalledTimes(2); // stopped: triggers are ignored
  });

  it('retries with back-off when the job cannot be scheduled', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { driver, armed, timer, runOnce } = setup([1_000, 1_000]);
      timer.fail = 1;
      await driver.start();
      expect(armed).toEqual([]);
      await vi.advanceTimersByTimeAsync(600);
      expect(runOnce).toHaveBeenCalledTimes(2);
      expect(armed).toHaveLength(1);
      await driver.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

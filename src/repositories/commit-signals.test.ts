import { describe, expect, it } from 'vitest';
import type { Wakeups } from '../ports/index.ts';
import { CommitSignals, earliestPending } from './commit-signals.ts';

function recorder(options: { relayHere: boolean; armedFor: Date | null }) {
  const woken: string[] = [];
  const wakeups: Wakeups = {
    notifyOutbox: () => !options.relayHere,
    notifyReminders: (at) => options.armedFor === null || at < options.armedFor,
    outboxCommitted: () => woken.push('relay'),
  };
  return { wakeups, woken };
}

describe('CommitSignals', () => {
  it('outside a transaction, wakes the local relay after each statement', () => {
    const { wakeups, woken } = recorder({ relayHere: true, armedFor: null });
    const signals = new CommitSignals(wakeups, true);
    expect(signals.outboxWritten()).toBe(false);
    signals.statementDone();
    expect(woken).toEqual(['relay']);
    signals.statementDone();
    expect(woken).toEqual(['relay']);
  });

  it('in a transaction, wakes it once after commit and never after a rollback', () => {
    const { wakeups, woken } = recorder({ relayHere: true, armedFor: null });
    const signals = new CommitSignals(wakeups, false);
    signals.outboxWritten();
    signals.statementDone();
    signals.outboxWritten();
    expect(woken).toEqual([]);
    signals.committed();
    expect(woken).toEqual(['relay']);
    new CommitSignals(wakeups, false).outboxWritten(); // rolled back: committed() is never called
    expect(woken).toEqual(['relay']);
  });

  it('asks for NOTIFY when no relay here leads, and for reminders earlier than the local timer', () => {
    const { wakeups } = recorder({ relayHere: false, armedFor: new Date('2026-11-23T10:00:00Z') });
    const signals = new CommitSignals(wakeups, true);
    expect(signals.outboxWritten()).toBe(true);
    expect(signals.remindersWritten(new Date('2026-11-23T09:59:59Z'))).toBe(true);
    expect(signals.remindersWritten(new Date('2026-11-23T10:00:00Z'))).toBe(false);
    expect(signals.remindersWritten(null)).toBe(false);
  });
});

describe('earliestPending', () => {
  it('takes the earliest pending reminder with a time', () => {
    const at = (iso: string) => new Date(iso);
    expect(
      earliestPending([
        { state: 'sent', remindAt: at('2026-01-01T00:00:00Z') },
        { state: 'pending', remindAt: at('2026-01-03T00:00:00Z') },
        { state: 'pending', remindAt: null },
        { state: 'pending', remindAt: at('2026-01-02T00:00:00Z') },
      ]),
    ).toEqual(at('2026-01-02T00:00:00Z'));
    expect(earliestPending([])).toBeNull();
  });
});

// What the repositories of one unit of work wrote that a relay or scheduler must hear of, and
// whether to tell them by NOTIFY (see Wakeups in ports/). Outside a transaction every statement
// commits on its own, so this process's relay is woken after each; in a transaction, after commit.
import type { Wakeups } from '../ports/index.ts';

export class CommitSignals {
  private outbox = false;
  private readonly wakeups: Wakeups;
  private readonly autocommit: boolean;

  constructor(wakeups: Wakeups, autocommit: boolean) {
    this.wakeups = wakeups;
    this.autocommit = autocommit;
  }

  /** Outbox rows are being written: answers whether the statement must also NOTIFY. */
  outboxWritten(): boolean {
    this.outbox = true;
    return this.wakeups.notifyOutbox();
  }

  /** Pending reminders are being written; answers whether the statement must NOTIFY schedulers. */
  remindersWritten(earliest: Date | null): boolean {
    return earliest !== null && this.wakeups.notifyReminders(earliest);
  }

  /** After each writing statement: commits already happened outside a transaction. */
  statementDone(): void {
    if (this.autocommit) this.committed();
  }

  /** After the transaction committed (never after a rollback). */
  committed(): void {
    if (!this.outbox) return;
    this.outbox = false;
    this.wakeups.outboxCommitted();
  }
}

/** The earliest pending reminder of a task, which decides whether schedulers must be told. */
export function earliestPending(reminders: readonly { state: string; remindAt: Date | null }[]): Date | null {
  let earliest: Date | null = null;
  for (const r of reminders)
    if (r.state === 'pending' && r.remindAt && (!earliest || r.remindAt < earliest)) earliest = r.remindAt;
  return earliest;
}

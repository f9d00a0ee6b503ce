// An external scheduler that calls this process back at a chosen instant (the Dapr Jobs API:
// POST /job/<name> on the app). Used by the `scheduler` role instead of its own timer when
// REMINDER_SCHEDULER=dapr-jobs.

export interface JobTimer {
  /**
   * Creates or replaces the one-shot job `name` due at `at`: the app is called back at `at` or
   * later, never earlier, even if this process restarted meanwhile (the job is stored).
   */
  schedule(name: string, at: Date): Promise<void>;
}

// Who creates the next occurrence of a recurring task. In one process the `recurrence` consumer
// does it in its own transaction; in the distributed shape only `api` writes tasks, so the
// consumer asks it (Dapr service invocation) through this port.

export interface SeriesService {
  /**
   * Creates the occurrence that follows the completed task `completedId`, at most once ever per
   * completion (a repeated call answers null). Throws when it could not be asked: the caller's
   * delivery is then retried.
   */
  advance(userId: string, completedId: string): Promise<{ nextId: string | null }>;
}

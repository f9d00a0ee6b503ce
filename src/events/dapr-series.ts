// The `recurrence` role's way to `api` in the distributed shape: Dapr service invocation of
// POST /internal/series/advance (http/routes/dapr-app.ts), which runs the advanceSeries use case.
// Retries and timeouts of the call itself are the sidecar's resiliency policy; a failure throws, so
// the event is redelivered, and the unique spawned-from key makes a repeated call create nothing.
import type { SeriesService } from '../ports/series.ts';
import type { DaprClient } from './dapr-client.ts';

export const ADVANCE_SERIES_METHOD = 'internal/series/advance';

export class DaprSeriesService implements SeriesService {
  private readonly client: DaprClient;
  private readonly appId: string;

  constructor(client: DaprClient, appId: string) {
    this.client = client;
    this.appId = appId;
  }

  async advance(userId: string, completedId: string): Promise<{ nextId: string | null }> {
    const answer = await this.client.invoke<{ nextId?: string | null }>(this.appId, ADVANCE_SERIES_METHOD, {
      userId,
      completedId,
    });
    return { nextId: answer?.nextId ?? null };
  }
}

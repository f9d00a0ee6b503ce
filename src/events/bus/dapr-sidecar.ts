// The parts of the Dapr sidecar's HTTP API the bus uses. Events go as structured CloudEvents
// (content type application/cloudevents+json), so Dapr keeps our id, type, subject and
// partitionkey instead of wrapping the event in one of its own; partitionKey metadata becomes the
// Kafka message key, other metadata Kafka headers.
import { type AnyCloudEvent, EVENT_TOPIC } from '../../domain/events.ts';

export interface SidecarOptions {
  httpPort: number;
  host?: string;
  pubsub: string;
  /** Sent as dapr-api-token when the sidecar requires one (DAPR_API_TOKEN). */
  apiToken?: string | undefined;
  timeoutMs?: number;
}

export class DaprSidecar {
  private readonly options: SidecarOptions;
  private readonly base: string;

  constructor(options: SidecarOptions) {
    this.options = options;
    this.base = `http://${options.host ?? '127.0.0.1'}:${options.httpPort}`;
  }

  /** One event; throws unless the sidecar stored it. */
  async publish(topic: string, event: AnyCloudEvent, metadata: Record<string, string> = {}): Promise<void> {
    const query = new URLSearchParams({ 'metadata.partitionKey': event.partitionkey });
    for (const [name, value] of Object.entries(metadata)) query.set(`metadata.${name}`, value);
    await this.send(`/v1.0/publish/${this.path(topic)}?${query}`, 'application/cloudevents+json', event);
  }

  /** Events of distinct users to one topic in one request; throws unless every one was stored. */
  async publishBulk(topic: string, events: AnyCloudEvent[]): Promise<void> {
    const entries = events.map((event, index) => ({
      entryId: String(index),
      event,
      contentType: 'application/cloudevents+json',
      metadata: { partitionKey: event.partitionkey },
    }));
    await this.send(`/v1.0-alpha1/publish/bulk/${this.path(topic)}`, 'application/json', entries);
  }

  /** Whether the sidecar's components (the pub/sub) are ready. */
  async healthy(): Promise<boolean> {
    try {
      const response = await fetch(`${this.base}/v1.0/healthz/outbound`, {
        headers: this.headers(),
        signal: AbortSignal.timeout(2_000),
      });
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  }

  private path(topic: string): string {
    return `${encodeURIComponent(this.options.pubsub)}/${encodeURIComponent(topic)}`;
  }

  private async send(path: string, contentType: string, body: unknown): Promise<void> {
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { ...this.headers(), 'content-type': contentType },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    if (!response.ok) {
      const detail = (await response.text().catch(() => '')).slice(0, 500);
      throw new Error(`dapr publish ${path.split('?')[0]} failed: ${response.status} ${detail}`);
    }
    await response.body?.cancel();
  }

  private headers(): Record<string, string> {
    return this.options.apiToken ? { 'dapr-api-token': this.options.apiToken } : {};
  }
}

/**
 * Splits events into waves: the n-th event of each user (per topic) is in wave n. No wave holds
 * two events of one user, so a partly failed bulk request can never store a user's later event
 * before an earlier one, as long as a wave starts only once the previous one is stored.
 */
export function waves(events: AnyCloudEvent[]): AnyCloudEvent[][] {
  const seen = new Map<string, number>();
  const result: AnyCloudEvent[][] = [];
  for (const event of events) {
    const key = `${EVENT_TOPIC[event.type]}\u0000${event.partitionkey}`;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    const wave = result[index];
    if (wave) wave.push(event);
    else result[index] = [event];
  }
  return result;
}

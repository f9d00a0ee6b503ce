// The Dapr building blocks other than pub/sub, over the sidecar's HTTP API: secrets, state (with
// ETags), service invocation and the Jobs API. Plain fetch: @dapr/dapr runs its own Express server
// and has no Jobs client (INFRA.md), and these are a handful of small requests.

export interface DaprClientOptions {
  httpPort: number;
  host?: string;
  /** DAPR_API_TOKEN: the sidecar refuses API calls without it when it was started with one. */
  apiToken?: string | undefined;
  timeoutMs?: number;
}

/** A Dapr API call that failed: `status` is the HTTP status, `code` Dapr's errorCode. */
export class DaprError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(message: string, status: number, code: string) {
    super(message);
    this.name = 'DaprError';
    this.status = status;
    this.code = code;
  }
}

export interface StateItem<T> {
  value: T;
  etag: string;
}

export class DaprClient {
  private readonly options: DaprClientOptions;
  readonly base: string;

  constructor(options: DaprClientOptions) {
    this.options = options;
    this.base = `http://${options.host ?? '127.0.0.1'}:${options.httpPort}`;
  }

  /**
   * Waits until the sidecar's components are loaded (GET /v1.0/healthz/outbound = 2xx). This answers
   * before the app listens, so a process can read its secrets through the sidecar at start-up.
   */
  async waitOutbound(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    for (;;) {
      try {
        const response = await fetch(`${this.base}/v1.0/healthz/outbound`, {
          signal: AbortSignal.timeout(2_000),
        });
        await response.body?.cancel();
        if (response.ok) return;
        last = `HTTP ${response.status}`;
      } catch (error) {
        last = (error as Error).message;
      }
      if (Date.now() > deadline)
        throw new Error(`the Dapr sidecar at ${this.base} was not ready within ${timeoutMs} ms (${last})`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** One secret's value; undefined when the store has no such secret. */
  async secret(store: string, name: string): Promise<string | undefined> {
    const response = await this.call('GET', `/v1.0/secrets/${enc(store)}/${enc(name)}`);
    if (response.ok) {
      const body = (await response.json()) as Record<string, string>;
      return body[name];
    }
    const error = await failure(response, `secret ${name} from ${store}`);
    // Stores answer "not found" as a 500 ERR_SECRET_GET; that is an absent value, not an outage.
    if (error.code === 'ERR_SECRET_GET' && /not found/i.test(error.message)) return undefined;
    throw error;
  }

  /** The value and ETag of one key, or null when it is absent. */
  async getState<T>(store: string, key: string): Promise<StateItem<T> | null> {
    const response = await this.call('GET', `/v1.0/state/${enc(store)}/${enc(key)}`, undefined, {
      consistency: 'strong',
    });
    if (response.status === 204) return null;
    if (!response.ok) throw await failure(response, `state ${key}`);
    const etag = response.headers.get('etag') ?? '';
    const text = await response.text();
    if (text === '') return null;
    return { value: JSON.parse(text) as T, etag };
  }

  /**
   * Writes one key. With `etag`, only if the stored ETag is still that one (first-write
   * concurrency); without, only if the key does not exist yet (`create`) or unconditionally.
   * Answers false on an ETag conflict or when `create` finds the key already there.
   */
  async saveState(
    store: string,
    key: string,
    value: unknown,
    guard: { etag: string } | { create: true } | null,
  ): Promise<boolean> {
    const item: Record<string, unknown> = { key, value, options: { consistency: 'strong' } };
    if (guard && 'etag' in guard) item.etag = guard.etag;
    if (guard) (item.options as Record<string, string>).concurrency = 'first-write';
    const response = await this.call('POST', `/v1.0/state/${enc(store)}`, [item]);
    if (response.ok) {
      await response.body?.cancel();
      return true;
    }
    const error = await failure(response, `state ${key}`);
    // 409: the ETag no longer matches. A create-only write that finds the key (state.postgresql v2:
    // 500 ERR_STATE_SAVE "no item was updated"): both mean "someone else wrote first".
    if (error.status === 409) return false;
    if (
      guard &&
      'create' in guard &&
      error.code === 'ERR_STATE_SAVE' &&
      /no item was updated/i.test(error.message)
    )
      return false;
    throw error;
  }

  async deleteState(store: string, key: string): Promise<void> {
    const response = await this.call('DELETE', `/v1.0/state/${enc(store)}/${enc(key)}`);
    if (!response.ok) throw await failure(response, `state ${key}`);
    await response.body?.cancel();
  }

  /** POST to a method of another app through service invocation; answers its JSON body. */
  async invoke<T>(appId: string, method: string, body: unknown): Promise<T> {
    const response = await this.call('POST', `/v1.0/invoke/${enc(appId)}/method/${method}`, body);
    if (!response.ok) throw await failure(response, `invoke ${appId}/${method}`);
    const text = await response.text();
    return (text ? JSON.parse(text) : null) as T;
  }

  /**
   * Creates or replaces a one-shot job: the scheduler calls POST /job/<name> on this app (one
   * replica of its app id) at `dueTime` or later, never earlier.
   */
  async scheduleJob(name: string, dueTime: Date, data: unknown = {}): Promise<void> {
    const response = await this.call('POST', `/v1.0-alpha1/jobs/${enc(name)}`, {
      dueTime: dueTime.toISOString(),
      data,
      overwrite: true,
    });
    if (!response.ok) throw await failure(response, `job ${name}`);
    await response.body?.cancel();
  }

  private call(
    method: string,
    path: string,
    body?: unknown,
    metadata: Record<string, string> = {},
  ): Promise<Response> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(metadata)) query.set(name, value);
    const url = `${this.base}${path}${query.size > 0 ? `?${query}` : ''}`;
    const headers: Record<string, string> = {};
    if (this.options.apiToken) headers['dapr-api-token'] = this.options.apiToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

async function failure(response: Response, what: string): Promise<DaprError> {
  const text = await response.text().catch(() => '');
  let code = '';
  let message = text.slice(0, 500);
  try {
    const parsed = JSON.parse(text) as { errorCode?: string; message?: string };
    code = parsed.errorCode ?? '';
    message = parsed.message ?? message;
  } catch {
    // not JSON (e.g. "invalid api token"): keep the text
  }
  return new DaprError(`dapr ${what}: ${response.status} ${code} ${message}`.trim(), response.status, code);
}

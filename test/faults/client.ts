// HTTP helpers of the fault suite: a signed-up user, a steady stream of writes that records which
// ones were acknowledged, the activity log read to the end, and the outbox gauge from /metrics.
export interface Answer<T = any> {
  status: number;
  body: T;
}

export async function call<T = any>(
  url: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<Answer<T>> {
  const response = await fetch(url + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed as T };
}

export async function signUp(url: string, label: string): Promise<string> {
  const email = `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const answer = await call(url, 'POST', '/api/auth/sign-up/email', undefined, {
    name: label,
    email,
    password: 'a long enough password',
  });
  if (answer.status !== 200)
    throw new Error(`sign-up failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.token as string;
}

export interface WriteLog {
  /** Ids of tasks whose create answered 2xx. */
  acked: string[];
  /** Status (or error text) of every create that did not. */
  failed: (number | string)[];
}

/**
 * Creates tasks from `workers` concurrent loops, each pausing `pauseMs` between writes, until
 * `stop()` is called. Resolves with what was acknowledged once every loop has finished.
 */
export function writeStream(
  url: string,
  token: string,
  options: { workers?: number; pauseMs?: number; title?: string } = {},
): { stop(): Promise<WriteLog>; log: WriteLog } {
  const log: WriteLog = { acked: [], failed: [] };
  let stopping = false;
  let n = 0;
  const loop = async () => {
    while (!stopping) {
      const title = `${options.title ?? 'fault'} ${++n}`;
      try {
        const answer = await call(url, 'POST', '/api/tasks', token, { title });
        if (answer.status >= 200 && answer.status < 300) log.acked.push(answer.body.id);
        else log.failed.push(answer.status);
      } catch (error) {
        log.failed.push((error as Error).message);
      }
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 50));
    }
  };
  const loops = Array.from({ length: options.workers ?? 2 }, loop);
  return {
    log,
    async stop() {
      stopping = true;
      await Promise.all(loops);
      return log;
    },
  };
}

/** Task ids of every `todo.task.created` entry in the user's activity log (all pages). */
export async function createdInActivity(url: string, token: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query = `type=todo.task.created&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: Answer = await call(url, 'GET', `/api/activity?${query}`, token);
    if (page.status !== 200) throw new Error(`activity: ${page.status}`);
    for (const item of page.body.items) ids.push(item.taskId);
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
}

/** taskstream_outbox_pending from GET /metrics (unpublished outbox rows, whole deployment). */
export async function outboxPending(url: string): Promise<number> {
  const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  const match = text.match(/^taskstream_outbox_pending (\d+(?:\.\d+)?)$/m);
  if (!match) throw new Error('taskstream_outbox_pending not in /metrics');
  return Number(match[1]);
}

/** Every acknowledged id exactly once: no lost effect, no doubled one. */
export function diff(
  acked: string[],
  seen: string[],
): { missing: string[]; doubled: string[]; extra: string[] } {
  const counts = new Map<string, number>();
  for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
  const ackedSet = new Set(acked);
  return {
    missing: acked.filter((id) => !counts.has(id)),
    doubled: [...counts].filter(([, n]) => n > 1).map(([id]) => id),
    extra: [...counts.keys()].filter((id) => !ackedSet.has(id)),
  };
}

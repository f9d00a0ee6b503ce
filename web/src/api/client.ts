// fetch against the same origin: the session cookie does the authentication. Every failure becomes
// an ApiError carrying the problem+json the server sent (its `detail` is what the person reads).
import type { Problem } from '#contract/problem.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  constructor(status: number, problem: Problem | null, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

let unauthorized: () => void = () => {};
/** Called when a request (other than signing in) answers 401: the session is gone. */
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Survives the page closing (a delete that waited for its undo toast). */
  keepalive?: boolean;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      keepalive: options.keepalive,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, null, 'Cannot reach Taskstream. Check your connection; it will retry.');
  }
  const text = response.status === 204 ? '' : await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) {
    const problem = isProblem(body) ? body : null;
    if (response.status === 401 && !path.startsWith('/api/auth/')) unauthorized();
    throw new ApiError(response.status, problem, problem?.detail ?? fallbackMessage(response.status));
  }
  return body as T;
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'status' in body && 'detail' in body;
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'You are signed out. Sign in again.';
  if (status === 404) return 'Not found: it may have been deleted.';
  if (status >= 500) return `The server failed (HTTP ${status}). Try again in a moment.`;
  return `The request failed (HTTP ${status}).`;
}

/** What went wrong, in one sentence, for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Field errors of a 400, keyed by the field name after `body.` (title, reminders.0.at, …). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError)
    for (const e of error.problem?.errors ?? []) out[e.path.replace(/^(body|query)\./, '')] ??= e.message;
  return out;
}

// A small Server-Sent Events client on node:http for tests: parses the stream as the WHATWG spec
// does (fields event/id/data/retry, comments, blank line dispatches, `id:` sticks as lastEventId),
// keeps the raw text for exact-format checks, and can stop reading to play a slow client.
import http, { type IncomingHttpHeaders } from 'node:http';
import { expect } from 'vitest';

export interface SseMessage {
  event: string;
  /** The last event id after this message (what a reconnect would send). */
  id: string;
  data: string;
}

export interface SseClient {
  status: number;
  headers: IncomingHttpHeaders;
  /** Every character received, for exact-format assertions. */
  raw: string;
  messages: SseMessage[];
  comments: string[];
  retry: number | undefined;
  /** What EventSource would send as Last-Event-ID on reconnect. */
  lastEventId: string;
  /** Whether the stream has ended (server closed it, or close() was called). */
  ended: boolean;
  /** Resolves when the stream ends, whoever ends it. */
  done: Promise<void>;
  /** Waits until `check` holds for the messages so far. */
  until(what: string, check: (messages: SseMessage[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Stops reading from the socket: the server sees a client that does not keep up. */
  pause(): void;
  resume(): void;
  close(): void;
}

export interface SseOptions {
  token?: string;
  lastEventId?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

export function connectSse(baseUrl: string, options: SseOptions = {}): Promise<SseClient> {
  const url = new URL('/api/stream', baseUrl);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;

  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (response) => {
      let ended = false;
      let resolveDone!: () => void;
      const done = new Promise<void>((r) => {
        resolveDone = r;
      });
      const finish = () => {
        if (ended) return;
        client.ended = ended = true;
        resolveDone();
      };
      let pending = '';
      let event = '';
      let data: string[] = [];
      const client: SseClient = {
        status: response.statusCode ?? 0,
        headers: response.headers,
        raw: '',
        messages: [],
        comments: [],
        retry: undefined,
        lastEventId: options.lastEventId ?? '',
        ended: false,
        done,
        async until(what, check, timeoutMs = 5000) {
          const deadline = Date.now() + timeoutMs;
          while (!check(client.messages)) {
            if (Date.now() > deadline)
              throw new Error(`timed out waiting for ${what}; got ${client.messages.length} messages`);
            if (client.ended && !check(client.messages)) throw new Error(`stream ended before ${what}`);
            await new Promise((r) => setTimeout(r, 10));
          }
        },
        pause() {
          response.pause();
          response.socket.pause();
        },
        resume() {
          response.socket.resume();
          response.resume();
        },
        close() {
          request.destroy();
          finish();
        },
      };
      const line = (text: string) => {
        if (text === '') {
          // Dispatch: a block without data sets nothing but the last event id (already done).
          if (data.length > 0)
            client.messages.push({
              event: event || 'message',
              id: client.lastEventId,
              data: data.join('\n'),
            });
          event = '';
          data = [];
          return;
        }
        if (text.startsWith(':')) {
          client.comments.push(text.slice(1).trim());
          return;
        }
        const colon = text.indexOf(':');
        const field = colon === -1 ? text : text.slice(0, colon);
        let value = colon === -1 ? '' : text.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id' && !value.includes('\0')) client.lastEventId = value;
        else if (field === 'retry' && /^\d+$/.test(value)) client.retry = Number(value);
      };
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        client.raw += chunk;
        pending += chunk;
        const lines = pending.split(/\r\n|\r|\n/);
        pending = lines.pop() ?? '';
        for (const text of lines) line(text);
      });
      response.on('end', finish);
      response.on('close', finish);
      response.on('error', finish);
      resolve(client);
    });
    request.on('error', reject);
  });
}

/** Ids of the CloudEvents received so far (control messages such as stream.reset left out). */
export const eventIds = (client: SseClient): string[] =>
  client.messages.filter((m) => m.event.startsWith('todo.')).map((m) => m.id);

/**
 * Waits until the stream has as many events as `expected` lists (re-read each time: the list grows
 * while writes land), waits a little more to catch extras, then asserts the exact ids in order.
 */
export async function receives(client: SseClient, expected: () => Promise<string[]>, what: string) {
  const deadline = Date.now() + 10_000;
  while (eventIds(client).length < (await expected()).length && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 150));
  expect(eventIds(client), what).toEqual(await expected());
}

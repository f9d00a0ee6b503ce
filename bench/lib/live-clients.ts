// A child process of bench/live.ts that holds many SSE streams (spread over several processes, a
// single process would hit its file-descriptor limit and compete with the server for one core).
// It reads every stream to the end, counts events and heartbeats, and for the fan-out measurement
// reports when the last of its tracked streams has received the k-th event.
import http from 'node:http';

export interface StreamSpec {
  path: string;
  token?: string;
  /** Count this stream in the fan-out measurement. */
  tracked?: boolean;
}

export type Command =
  | { type: 'open'; base: string; streams: StreamSpec[]; concurrency: number }
  | { type: 'stats' }
  | { type: 'closeAll' }
  | { type: 'exit' };

export type Reply =
  | { type: 'opened'; ok: number; failed: number; firstError: string | null }
  | { type: 'stats'; open: number; events: number; pings: number; ended: number }
  | { type: 'closed' }
  | { type: 'reached'; k: number; at: number };

interface Stream {
  request: http.ClientRequest;
  events: number;
  tracked: boolean;
  ended: boolean;
}

const streams = new Set<Stream>();
let pings = 0;
let ended = 0;
let tracked = 0;
const reached = new Map<number, number>();
const now = () => performance.timeOrigin + performance.now();
const send = (reply: Reply) => process.send?.(reply);

function onEvent(stream: Stream): void {
  stream.events++;
  if (!stream.tracked) return;
  const count = (reached.get(stream.events) ?? 0) + 1;
  if (count === tracked) {
    reached.delete(stream.events);
    send({ type: 'reached', k: stream.events, at: now() });
  } else reached.set(stream.events, count);
}

function open(base: string, spec: StreamSpec): Promise<string | null> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (spec.token) headers.authorization = `Bearer ${spec.token}`;
    const request = http.get(new URL(spec.path, base), { headers, agent: false });
    const stream: Stream = { request, events: 0, tracked: spec.tracked === true, ended: false };
    request.on('error', (error) => {
      if (!stream.ended) finish();
      resolve(String(error));
    });
    const finish = () => {
      if (stream.ended) return;
      stream.ended = true;
      if (streams.delete(stream)) ended++;
      if (stream.tracked) tracked--;
    };
    request.on('response', (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        resolve(`status ${response.statusCode}`);
        return;
      }
      streams.add(stream);
      if (stream.tracked) tracked++;
      response.setEncoding('utf8');
      let carry = '';
      let first = true;
      response.on('data', (chunk: string) => {
        const lines = (carry + chunk).split('\n');
        carry = lines.pop() ?? '';
        for (const line of lines) {
          if (line.startsWith('event: ')) onEvent(stream);
          else if (line === ': ping') pings++;
        }
        if (first) {
          first = false;
          resolve(null);
        }
      });
      response.on('close', finish);
    });
  });
}

async function openAll(base: string, specs: StreamSpec[], concurrency: number): Promise<Reply> {
  let next = 0;
  let ok = 0;
  let failed = 0;
  let firstError: string | null = null;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, specs.length) }, async () => {
      while (next < specs.length) {
        const error = await open(base, specs[next++]!);
        if (error === null) ok++;
        else {
          failed++;
          firstError ??= error;
        }
      }
    }),
  );
  return { type: 'opened', ok, failed, firstError };
}

process.on('message', async (command: Command) => {
  if (command.type === 'open') send(await openAll(command.base, command.streams, command.concurrency));
  else if (command.type === 'stats') {
    let events = 0;
    for (const s of streams) events += s.events;
    send({ type: 'stats', open: streams.size, events, pings, ended });
  } else if (command.type === 'closeAll') {
    for (const s of [...streams]) {
      s.request.destroy();
      streams.delete(s);
      s.ended = true;
    }
    tracked = 0;
    reached.clear();
    send({ type: 'closed' });
  } else if (command.type === 'exit') process.exit(0);
});
// Orphaned (the benchmark died): do not linger holding thousands of sockets.
process.on('disconnect', () => process.exit(0));

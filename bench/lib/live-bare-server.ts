// The baseline of bench/live.ts: the least an SSE server can be on node:http. No auth, no
// database, no framework, no resume, no buffer bounds: GET /stream?user=U holds a stream,
// POST /publish?user=U writes the body as one event to that user's streams, one heartbeat timer
// pings them all, GET /memory reports process.memoryUsage(). Prints `listening <port>` when ready.
import http from 'node:http';

const heartbeatMs = Number(process.env.SSE_HEARTBEAT_MS ?? 15_000);
const byUser = new Map<string, Set<http.ServerResponse>>();
let streams = 0;

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://x');
  const user = url.searchParams.get('user') ?? 'anonymous';
  if (request.method === 'GET' && url.pathname === '/stream') {
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
    });
    response.write('retry: 2000\n\n');
    const set = byUser.get(user) ?? new Set();
    byUser.set(user, set);
    set.add(response);
    streams++;
    response.on('close', () => {
      if (set.delete(response)) streams--;
      if (set.size === 0) byUser.delete(user);
    });
    return;
  }
  if (request.method === 'POST' && url.pathname === '/publish') {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const event = JSON.parse(body) as { id: string; type: string };
      const frame = `event: ${event.type}\nid: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`;
      for (const stream of byUser.get(user) ?? []) stream.write(frame);
      response.writeHead(202).end();
    });
    return;
  }
  if (url.pathname === '/memory') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ ...process.memoryUsage(), streams }));
    return;
  }
  response.writeHead(404).end();
});

setInterval(() => {
  for (const set of byUser.values()) for (const stream of set) stream.write(': ping\n\n');
}, heartbeatMs).unref();

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => process.exit(0));

// The one-machine stand-in for the Kubernetes ingress of the distributed shape: one base URL for
// clients, GET /api/stream to the `realtime` process (it holds the SSE connections), everything
// else to `api`. Streams both ways without buffering, so SSE and uploads pass through as they come.
//   node deploy/local/ingress.mjs <port> <default upstream> [<path prefix>=<upstream> …]
// Listens on 127.0.0.1 only. No dependencies.
import http from 'node:http';

const [port, fallback, ...rules] = process.argv.slice(2);
if (!port || !fallback) {
  console.error('usage: ingress.mjs <port> <default upstream> [<path prefix>=<upstream> …]');
  process.exit(2);
}
const routes = rules.map((rule) => {
  const at = rule.indexOf('=');
  return { prefix: rule.slice(0, at), target: new URL(rule.slice(at + 1)) };
});
const defaultTarget = new URL(fallback);
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

function targetOf(url) {
  const path = url.split('?')[0];
  const hit = routes.find(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`));
  return hit ? hit.target : defaultTarget;
}

const server = http.createServer((req, res) => {
  const target = targetOf(req.url ?? '/');
  const upstream = http.request(
    {
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      agent,
      headers: {
        ...req.headers,
        'x-forwarded-for': req.socket.remoteAddress ?? '',
        'x-forwarded-host': req.headers.host ?? '',
        'x-forwarded-proto': 'http',
      },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      res.flushHeaders(); // SSE: the client sees the stream open before the first event
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    if (res.headersSent) return res.destroy();
    res.writeHead(502, { 'content-type': 'application/problem+json' });
    res.end(
      JSON.stringify({
        type: 'about:blank',
        title: 'Bad gateway',
        status: 502,
        detail: `upstream ${target.host}: ${error.message}`,
      }),
    );
  });
  // A client that goes away (a closed SSE tab) releases the upstream connection too.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(port), '127.0.0.1', () => console.log(`ingress ready at http://127.0.0.1:${port}`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
setInterval(() => {}, 1 << 30); // keep running while connections drain on close

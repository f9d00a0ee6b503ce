// Tiny app for scripts/infra/dapr-smoke: what a Dapr sidecar calls, and a window on what arrived.
//   GET  /dapr/subscribe   → one programmatic subscription (pubsub "pubsub", topic $SMOKE_TOPIC)
//   POST /events           → a delivered CloudEvent (answered {"status":"SUCCESS"})
//   POST /job/<name>       → a Jobs API trigger
//   GET  /seen             → {events, jobs} received so far
// No dependencies; listens on 127.0.0.1:$APP_PORT only.
import http from 'node:http';

const port = Number(process.env.APP_PORT ?? 18081);
const topic = process.env.SMOKE_TOPIC ?? 'smoke';
const seen = { events: [], jobs: [] };

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    const json = (status, obj) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(obj));
    };
    const url = new URL(req.url, 'http://x');
    if (req.method === 'GET' && url.pathname === '/dapr/subscribe') {
      return json(200, [{ pubsubname: 'pubsub', topic, route: '/events' }]);
    }
    if (req.method === 'POST' && url.pathname === '/events') {
      let ev;
      try {
        ev = JSON.parse(body);
      } catch {
        ev = body;
      }
      seen.events.push(ev);
      return json(200, { status: 'SUCCESS' });
    }
    if (req.method === 'POST' && url.pathname.startsWith('/job/')) {
      seen.jobs.push({ name: decodeURIComponent(url.pathname.slice(5)), body, at: new Date().toISOString() });
      return json(200, {});
    }
    if (req.method === 'GET' && url.pathname === '/seen') return json(200, seen);
    if (req.method === 'GET' && url.pathname === '/healthz') return json(200, {});
    return json(404, { error: `no route ${req.method} ${url.pathname}` });
  });
});
server.listen(port, '127.0.0.1', () => console.log(`smoke app on 127.0.0.1:${port}, topic ${topic}`));
for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => server.close(() => process.exit(0)));

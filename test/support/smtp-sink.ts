// A real SMTP server for tests, run as its own process: `node test/support/smtp-sink.ts`.
// Listens on 127.0.0.1 on a free port, accepts every message without authentication, and writes
// JSON lines to stdout: first {"port":N}, then one {"from","to","data"} per message received.
// SIGTERM stops it.
import { SMTPServer } from 'smtp-server';

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const envelope = session.envelope;
      process.stdout.write(
        `${JSON.stringify({
          from: envelope.mailFrom ? envelope.mailFrom.address : null,
          to: envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        })}\n`,
      );
      callback();
    });
  },
});

server.on('error', (error) => {
  process.stderr.write(`smtp-sink: ${error.message}\n`);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

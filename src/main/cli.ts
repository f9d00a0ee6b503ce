// `taskstream serve | migrate | mcp`: the commands of the package (DESIGN §6).
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { resolveSecrets } from './secrets.ts';

const USAGE = `Usage: taskstream <command> [options]

Commands:
  serve [--roles api,relay,…]   run the roles (default: all) and serve HTTP
  migrate                       apply database migrations and exit
  mcp                           MCP over stdio for desktop clients: relays to a running server's /mcp
                                (TASKSTREAM_URL, default http://HOST:PORT) with TASKSTREAM_TOKEN

Configuration comes from the environment: PORT, HOST, DATA_DIR, DATABASE_URL, EVENT_BUS, ROLES, …
(see README.md).`;

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { roles: { type: 'string' } } });
  const loaded = loadConfig(values.roles ? { ...process.env, ROLES: values.roles } : process.env);
  // EVENT_BUS=dapr: secrets the environment lacks come from the sidecar's secret store (ADR 008).
  const secured = await resolveSecrets(loaded);
  const { resolved } = secured;
  // PORT=0 (any free port): pick it before building the app, whose URLs (the auth origin check,
  // links in e-mails) must carry the real port, not 0.
  const config =
    secured.config.port === 0 && !secured.config.publicUrl
      ? { ...secured.config, port: await freePort(secured.config.host) }
      : secured.config;
  // Open the database while the app's modules load: PGlite compiles its WebAssembly off the main
  // thread, so the two overlap (a cold embedded start is mostly these two).
  const opening = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  opening.catch(() => {}); // awaited (and reported) below
  const { createTaskstream } = await import('./taskstream.ts');
  const database = await opening;
  const app = await createTaskstream(config, { database });
  if (resolved.length > 0) app.logger.info({ secrets: resolved }, 'secrets read from the Dapr secret store');
  const address = await app.http.listen({ port: config.port, host: config.host });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const where = config.databaseUrl ? 'Postgres' : `embedded Postgres in ${config.dataDir}`;
  console.log(
    `Taskstream ready at ${config.publicUrl ?? address} (roles: ${config.roles.join(',')}; ${where})`,
  );
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function migrate(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await database.migrate();
  await database.close();
  console.log('Migrations applied.');
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  try {
    if (command === 'serve') await serve(rest);
    else if (command === 'migrate') await migrate();
    else if (command === 'mcp') {
      // Only this command needs the MCP SDK's client and stdio transport.
      const { runMcpStdio } = await import('./mcp-stdio.ts');
      await runMcpStdio(loadConfig());
    } else if (command === undefined || command === 'help' || command === '--help') console.log(USAGE);
    else {
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      process.exitCode = 2;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

await main(process.argv.slice(2));

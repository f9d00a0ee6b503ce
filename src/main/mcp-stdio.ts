// `taskstream mcp`: MCP over stdio for desktop clients (Claude Desktop, IDEs), as a relay to a
// running Taskstream's /mcp (TASKSTREAM_URL, default this configuration's own address) with the
// user's session token (TASKSTREAM_TOKEN). See ADR 009 for why it does not open the database.
//
// The relay forwards JSON-RPC messages both ways without reading them, so every tool (and any
// later capability) is the server's own; it only notes the negotiated protocol version, which the
// HTTP transport must send on later requests. Standard output carries MCP only; notes go to stderr.
import type { Readable, Writable } from 'node:stream';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
} from '@modelcontextprotocol/sdk/types.js';
import { type Config, ConfigError } from '../config.ts';

export interface RelayOptions {
  url: string;
  token: string;
  /** The client's side: the process's stdin and stdout unless given (tests pass streams). */
  stdin?: Readable;
  stdout?: Writable;
  /** Where notes go (stderr): stdout belongs to the protocol. */
  log?: (line: string) => void;
}

/** Checks the server and the token before relaying, so a mistake is one clear line, not a hang. */
export async function checkServer(url: string, token: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(new URL('/api/me', url), {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new ConfigError(
      `Cannot reach Taskstream at ${url} (${(error as Error).message}). Start it with \`taskstream serve\`, ` +
        'or set TASKSTREAM_URL to where it runs.',
    );
  }
  await response.body?.cancel();
  if (response.status === 401)
    throw new ConfigError(
      `TASKSTREAM_TOKEN is not a valid session at ${url}: sign in (POST /api/auth/sign-in/email) and use its token.`,
    );
  if (!response.ok) throw new ConfigError(`Taskstream at ${url} answered ${response.status} to GET /api/me.`);
}

/** Relays stdin/stdout to the server's /mcp until stdin closes. */
export async function relay(options: RelayOptions): Promise<void> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const upstream = new StreamableHTTPClientTransport(new URL('/mcp', options.url), {
    requestInit: { headers: { authorization: `Bearer ${options.token}` } },
  });
  const stdin = options.stdin ?? process.stdin;
  const local = new StdioServerTransport(stdin, options.stdout ?? process.stdout);
  const initializing = new Set<string | number>();

  upstream.onmessage = (message: JSONRPCMessage) => {
    if (isJSONRPCResultResponse(message) && initializing.delete(message.id)) {
      const version = (message.result as { protocolVersion?: unknown }).protocolVersion;
      if (typeof version === 'string') upstream.setProtocolVersion(version);
    }
    void local.send(message);
  };
  upstream.onerror = (error) => log(`taskstream mcp: ${error.message}`);
  local.onmessage = async (message: JSONRPCMessage) => {
    const request = isJSONRPCRequest(message) ? message : null;
    if (request?.method === 'initialize') initializing.add(request.id);
    try {
      await upstream.send(message);
    } catch (error) {
      // A request must get an answer, or the client waits for ever.
      if (request)
        await local.send({
          jsonrpc: '2.0',
          id: request.id,
          error: {
            code: -32603,
            message: `Taskstream at ${options.url} did not answer: ${(error as Error).message}`,
          },
        });
      else log(`taskstream mcp: ${(error as Error).message}`);
    }
  };

  const closed = new Promise<void>((resolve) => {
    local.onclose = () => resolve();
  });
  await upstream.start();
  await local.start();
  stdin.once('end', () => void local.close());
  await closed;
  await upstream.close();
}

export async function runMcpStdio(config: Pick<Config, 'mcpRelay'>): Promise<void> {
  const { url, token } = config.mcpRelay;
  if (!token)
    throw new ConfigError(
      'TASKSTREAM_TOKEN is not set: sign in (POST /api/auth/sign-in/email answers a token) and pass it, ' +
        `with TASKSTREAM_URL when Taskstream does not run at ${url}.`,
    );
  await checkServer(url, token);
  await relay({ url, token });
}

// POST|GET|DELETE /mcp: the MCP endpoint (Streamable HTTP), authenticated like every /api route.
//
// Stateless: every POST builds a server for the request's user, answers with plain JSON and
// forgets it. Nothing lives between requests, so any replica can answer any request, a restart
// loses nothing, and no session table or sticky routing is needed; the tools only answer calls
// (no progress or server-initiated messages), which is all a stateless server gives up. So GET
// (a server-to-client stream) is 405, as the spec allows, and DELETE (end a session) is a no-op.
//
// Failures answer as JSON-RPC errors, which MCP clients understand, rather than problem+json.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import type { AppDeps, Authenticator, Logger } from '../../ports/index.ts';
import { toWebHeaders } from '../plugins/auth.ts';

export interface McpRouteOptions {
  deps: AppDeps;
  auth: Authenticator;
  /** The public base URL: browsers may call /mcp only from this origin (or the host they asked). */
  baseUrl: string;
  logger?: Logger | undefined;
}

// JSON-RPC error codes: -32700 parse error, -32600 invalid request, -32603 internal; -32000..-32099
// are the server's own (the SDK uses -32000 for transport errors, -32001 for missing sessions).
function rpcError(
  reply: FastifyReply,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
) {
  return reply
    .code(status)
    .headers(headers)
    .type('application/json')
    .send(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

/** DNS-rebinding guard the MCP spec asks for: a browser page of another origin gets 403. */
function originAllowed(request: FastifyRequest, baseUrl: string): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    const url = new URL(origin);
    return url.host === request.host || url.origin === new URL(baseUrl).origin;
  } catch {
    return false;
  }
}

// The MCP SDK and its JSON Schema tooling (~150 modules) load on the first /mcp call, not at start.
let sdk:
  | Promise<{
      Transport: typeof import('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js').WebStandardStreamableHTTPServerTransport;
      createMcpServer: typeof import('../../mcp/server.ts').createMcpServer;
    }>
  | undefined;
function loadSdk() {
  sdk ??= Promise.all([
    import('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'),
    import('../../mcp/server.ts'),
  ]).then(([transport, server]) => ({
    Transport: transport.WebStandardStreamableHTTPServerTransport,
    createMcpServer: server.createMcpServer,
  }));
  return sdk;
}

export async function mcpRoutes(app: FastifyInstance, options: McpRouteOptions): Promise<void> {
  const { deps, auth, baseUrl, logger } = options;

  await app.register(async (scope) => {
    scope.setErrorHandler((error: FastifyError, _request, reply) => {
      const status = error instanceof AppError ? error.status : (error.statusCode ?? 500);
      if (status === 400) return rpcError(reply, 400, -32700, `Parse error: ${error.message}`);
      if (status < 500) return rpcError(reply, status, -32600, error.message);
      logger?.error({ err: error }, 'MCP request failed');
      return rpcError(reply, 500, -32603, 'Internal error');
    });

    scope.route({
      method: ['POST', 'GET', 'DELETE'],
      url: '/mcp',
      schema: { hide: true },
      handler: async (request, reply) => {
        if (!originAllowed(request, baseUrl))
          return rpcError(reply, 403, -32000, `Origin ${request.headers.origin} may not call this server.`);
        const actor = await auth.actor(toWebHeaders(request));
        if (!actor)
          return rpcError(
            reply,
            401,
            -32001,
            'Authentication required: send Authorization: Bearer <token> (POST /api/auth/sign-in/email answers one).',
            { 'www-authenticate': 'Bearer realm="taskstream"' },
          );
        if (request.method === 'GET')
          return rpcError(
            reply,
            405,
            -32000,
            'This server is stateless and offers no server-to-client stream: POST JSON-RPC messages to /mcp.',
            { allow: 'POST, DELETE' },
          );

        const { Transport, createMcpServer } = await loadSdk();
        const server = createMcpServer(deps, actor, logger);
        const transport = new Transport({
          sessionIdGenerator: undefined,
          enableJsonResponse: true,
        });
        await server.connect(transport);
        try {
          const webRequest = new Request(`${request.protocol}://${request.host}${request.url}`, {
            method: request.method,
            headers: toWebHeaders(request),
          });
          const response = await transport.handleRequest(webRequest, { parsedBody: request.body });
          const body = await response.text();
          response.headers.forEach((value, name) => {
            reply.header(name, value);
          });
          return reply.code(response.status).send(body === '' ? undefined : body);
        } finally {
          await server.close();
        }
      },
    });
  });
}

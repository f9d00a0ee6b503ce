// Better Auth speaks Fetch; this bridges Fastify requests to it and copies the answer back.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Authenticator } from '../../ports/index.ts';
import { toWebHeaders } from '../plugins/auth.ts';
import { problemBody } from '../plugins/problem.ts';

const FIELD_OF_CODE: [RegExp, string][] = [
  [/EMAIL/, 'body.email'],
  [/PASSWORD/, 'body.password'],
  [/NAME/, 'body.name'],
];

/** Better Auth answers errors as {code, message}; clients get problem+json like everywhere else. */
function sendAuthProblem(reply: FastifyReply, status: number, text: string) {
  let parsed: { code?: string; message?: string } = {};
  try {
    parsed = JSON.parse(text);
  } catch {}
  const detail = parsed.message ?? (text || 'Authentication failed.');
  const path = FIELD_OF_CODE.find(([pattern]) => pattern.test(parsed.code ?? ''))?.[1];
  const errors = status === 400 || status === 422 ? [{ path: path ?? 'body', message: detail }] : undefined;
  return reply
    .type('application/problem+json')
    .send(problemBody(status, parsed.code ?? 'auth', detail, errors));
}

export async function authRoutes(app: FastifyInstance, auth: Authenticator, baseUrl: string): Promise<void> {
  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    schema: { hide: true },
    async handler(request, reply) {
      const url = new URL(request.url, baseUrl);
      const body = request.body === undefined ? undefined : JSON.stringify(request.body);
      const response = await auth.handle(
        new Request(url, { method: request.method, headers: toWebHeaders(request), body }),
      );
      reply.code(response.status);
      response.headers.forEach((value, name) => {
        if (name !== 'set-cookie' && name !== 'content-length') reply.header(name, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) reply.header('set-cookie', cookies);
      const text = response.body ? await response.text() : '';
      if (response.status >= 400) return sendAuthProblem(reply, response.status, text);
      return reply.send(text || null);
    },
  });
}

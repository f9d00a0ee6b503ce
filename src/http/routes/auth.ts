// Better Auth speaks Fetch; this bridges Fastify requests to it and copies the answer back.
// Sign-up and sign-in get our own schemas first, so they validate and document like every route.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { SessionAnswer, SignInBody, SignUpBody } from '../../../contract/auth.ts';
import { ProblemSchema } from '../../../contract/problem.ts';
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
  let errors: { path: string; message: string }[] | undefined;
  if (status === 400 || status === 422) {
    // Its validation messages look like "[body.email] Invalid email address; [body] …".
    const tagged = [...detail.matchAll(/\[([\w.]+)\] ([^;]+)/g)].map((m) => ({
      path: m[1]!,
      message: m[2]!.trim(),
    }));
    const path = FIELD_OF_CODE.find(([pattern]) => pattern.test(parsed.code ?? ''))?.[1] ?? 'body';
    errors = tagged.length > 0 ? tagged : [{ path, message: detail }];
  }
  return reply
    .type('application/problem+json')
    .send(problemBody(status, parsed.code ?? 'auth', detail, errors));
}

export async function authRoutes(app: FastifyInstance, auth: Authenticator, baseUrl: string): Promise<void> {
  async function bridge(request: FastifyRequest, reply: FastifyReply) {
    const url = new URL(request.url, baseUrl);
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers = toWebHeaders(request);
    // Browsers send all three Fetch Metadata headers; Node's fetch sends only Sec-Fetch-Mode, which
    // would make Better Auth demand an Origin from API clients (MCP, scripts). Real browser
    // requests keep every header and get the full CSRF check.
    if (!headers.has('sec-fetch-site')) headers.delete('sec-fetch-mode');
    const response = await auth.handle(new Request(url, { method: request.method, headers, body }));
    reply.code(response.status);
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie' && name !== 'content-length') reply.header(name, value);
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) reply.header('set-cookie', cookies);
    const text = response.body ? await response.text() : '';
    if (response.status >= 400) return sendAuthProblem(reply, response.status, text);
    return reply.send(text || null);
  }

  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: ProblemSchema, 401: ProblemSchema, 422: ProblemSchema };
  r.post(
    '/api/auth/sign-up/email',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an account; answers the session token and user',
        security: [],
        body: SignUpBody,
        response: { 200: SessionAnswer, ...errors },
      },
    },
    bridge,
  );
  r.post(
    '/api/auth/sign-in/email',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; use the token as Authorization: Bearer <token>',
        security: [],
        body: SignInBody,
        response: { 200: SessionAnswer, ...errors },
      },
    },
    bridge,
  );
  app.route({ method: ['GET', 'POST'], url: '/api/auth/*', schema: { hide: true }, handler: bridge });
}

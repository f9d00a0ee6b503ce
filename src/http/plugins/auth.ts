// Resolves the session (cookie or bearer token) of every protected route into request.actor.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import type { Actor, Authenticator, RequestHeaders } from '../../ports/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** WHATWG Headers of Node's header object (what Better Auth and the MCP transport read). */
export function webHeaders(headers: Headers | RequestHeaders): Headers {
  if (headers instanceof Headers) return headers;
  const web = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) web.append(name, v);
    else web.set(name, String(value));
  }
  return web;
}

export function toWebHeaders(request: FastifyRequest): Headers {
  return webHeaders(request.headers);
}

/** Adds a hook that answers 401 unless the request carries a valid session. */
export function requireSession(app: FastifyInstance, auth: Authenticator): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    request.actor = await auth.actor(request.headers);
    if (!request.actor)
      throw new AppError(
        'unauthorized',
        'Sign in first: send the session cookie or Authorization: Bearer <token>.',
      );
  });
}

/** The actor of a request that passed requireSession. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthorized', 'Sign in first.');
  return request.actor;
}

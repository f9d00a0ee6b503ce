// Resolves the session (cookie or bearer token) of every protected route into request.actor.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import type { Actor, Authenticator } from '../../ports/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function toWebHeaders(request: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, String(value));
  }
  return headers;
}

/** Adds a hook that answers 401 unless the request carries a valid session. */
export function requireSession(app: FastifyInstance, auth: Authenticator): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    request.actor = await auth.actor(toWebHeaders(request));
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

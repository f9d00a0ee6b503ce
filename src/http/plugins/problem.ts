// Every failure leaves as RFC 9457 problem+json; this is the one place errors become responses.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERROR_CODES, type ErrorCode, type FieldError } from '../../errors.ts';

const TYPE_BASE = 'https://taskstream.dev/problems/';

const STATUS_TITLES: Record<number, string> = Object.fromEntries(
  Object.values(ERROR_CODES).map(({ status, title }) => [status, title]),
);

export function problemBody(status: number, code: string, detail: string, errors?: FieldError[]) {
  const title = STATUS_TITLES[status] ?? (status >= 500 ? 'Internal error' : 'Request failed');
  const type = `${TYPE_BASE}${code.toLowerCase().replaceAll('_', '-')}`;
  return { type, title, status, detail, ...(errors ? { errors } : {}) };
}

export function sendProblem(reply: FastifyReply, code: ErrorCode, detail: string, errors?: FieldError[]) {
  const { status } = ERROR_CODES[code];
  return reply
    .code(status)
    .type('application/problem+json')
    .send(problemBody(status, code, detail, errors));
}

// fastify-type-provider-zod turns each zod issue into { keyword: code, instancePath, message,
// params: the rest of the issue (keys of unrecognized_keys, …) }.
type Issue = {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: { keys?: string[]; issue?: { path?: PropertyKey[]; code?: string; keys?: string[] } };
};

function unknownKeysOf(issue: Issue): string[] | undefined {
  if (issue.params?.issue?.code === 'unrecognized_keys') return issue.params.issue.keys;
  if (issue.keyword === 'unrecognized_keys') return issue.params?.keys;
  return undefined;
}

function fieldPath(context: string | undefined, issue: Issue): string {
  const where = context === 'querystring' ? 'query' : (context ?? 'body');
  const path = issue.params?.issue?.path ?? issue.instancePath?.split('/').filter(Boolean) ?? [];
  return [where, ...path.map(String)].join('.');
}

function issueMessage(issue: Issue): string {
  return issue.message ?? 'is invalid';
}

const FASTIFY_CODES: Record<string, { code: ErrorCode; detail: string; path?: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'validation', detail: 'The body is not valid JSON.', path: 'body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'validation',
    detail: 'The body is empty but Content-Type says JSON.',
    path: 'body',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', detail: 'The body is larger than 1 MiB.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    detail: 'Send JSON with Content-Type: application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'validation',
    detail: 'Content-Length does not match the body.',
  },
  FST_ERR_CTP_INVALID_TYPE: { code: 'validation', detail: 'The Content-Type header is malformed.' },
};

export function registerProblemHandlers(app: FastifyInstance): void {
  // Fastify reads text/plain bodies by default; this API speaks JSON only, so a text body gets the
  // same 415 problem as any other type it cannot read (instead of "expected object, received string").
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      // Use cases name fields as the body has them; say where they live, like schema errors do.
      const errors = error.errors?.map((e) =>
        /^(body|query|header|params)\b/.test(e.path) ? e : { ...e, path: `body.${e.path}` },
      );
      return sendProblem(reply, error.code, error.message, errors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = (error.validation as Issue[]).flatMap((issue) => {
        const path = fieldPath(error.validationContext, issue);
        const unknownKeys = unknownKeysOf(issue);
        if (unknownKeys?.length)
          return unknownKeys.map((key) => ({ path: `${path}.${key}`, message: 'is not a known field' }));
        return [{ path, message: issueMessage(issue) }];
      });
      return sendProblem(
        reply,
        'validation',
        errors.map((e) => `${e.path}: ${e.message}`).join('; '),
        errors,
      );
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) {
      const errors = known.path ? [{ path: known.path, message: error.message }] : undefined;
      return sendProblem(reply, known.code, known.detail, errors);
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const code = (Object.entries(ERROR_CODES).find(([, v]) => v.status === error.statusCode)?.[0] ??
        'validation') as ErrorCode;
      return sendProblem(reply, code, error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    const detail = `Something went wrong on our side (request ${request.id}). Try again; if it keeps happening, report that id.`;
    return reply
      .code(500)
      .type('application/problem+json')
      .send(problemBody(500, 'internal', detail));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}.`),
  );
}

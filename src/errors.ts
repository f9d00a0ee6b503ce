// One error type for everything a caller did wrong; src/http/plugins/problem.ts maps it to
// RFC 9457 problem+json in one place, and MCP/chat tools turn it into tool errors.

export const ERROR_CODES = {
  validation: { status: 400, title: 'Invalid request' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  rate_limited: { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[] | undefined;
  constructor(code: ErrorCode, detail: string, errors?: FieldError[]) {
    super(detail);
    this.name = 'AppError';
    this.code = code;
    this.errors = errors;
  }
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export const validationError = (errors: FieldError[], detail?: string): AppError =>
  new AppError('validation', detail ?? errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);

export const notFound = (what = 'task'): AppError => new AppError('not_found', `No such ${what}.`);

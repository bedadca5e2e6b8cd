/**
 * Typed domain errors. Library code throws AppError; the action wrapper and the API map `code`
 * to an HTTP status and a message. Anything else becomes a logged, generic 500.
 */
export const errorStatus = {
  BAD_REQUEST: 400,
  VALIDATION: 422,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** One problem in a submitted document (an import file), located by line, column and key path. */
export interface ErrorIssue {
  line: number;
  column: number;
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Per-field messages, e.g. { hostname: ['must be [a-z0-9], at most 25 characters'] }. */
  readonly fieldErrors?: Record<string, string[]>;
  /** Located problems of a document, every one of them (not only the first). */
  readonly issues?: ErrorIssue[];

  constructor(code: ErrorCode, message: string, fieldErrors?: Record<string, string[]>, issues?: ErrorIssue[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.issues = issues;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this') => new AppError('FORBIDDEN', message);
export const conflict = (message: string, field?: string) =>
  new AppError('CONFLICT', message, field ? { [field]: [message] } : undefined);
export const invalid = (field: string, message: string) =>
  new AppError('VALIDATION', `${field}: ${message}`, { [field]: [message] });

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/**
 * Error codes shared by the browser and the server. The server maps each code to one HTTP status
 * (apps/server/src/core/errors.ts); the browser shows a message per code. Adding a code is a
 * compile error until both places know it.
 */
export const errorCodes = [
  'validation_failed',
  'invalid_json',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'module_not_entitled',
  'limit_reached',
  'payment_required',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'gone',
  'upgrade_required',
  'internal_error',
  'service_unavailable',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export type ErrorBody = {
  error: {
    code: ErrorCode;
    message: string;
    [detail: string]: unknown;
  };
};

/** An expected failure of a business rule or a request: carries a stable code and safe details. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }

  toBody(): ErrorBody {
    return { error: { ...this.details, code: this.code, message: this.message } };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/**
 * An answer of the API that was not 2xx, as the browser (and the sync engine) sees it: the HTTP status,
 * the error body's code and message, and its details.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, fieldIssueOf, isErrorCode, type ErrorBody, type ErrorCode, type FieldIssue } from '@roaauto/shared';

/** One HTTP status per error code: the only place the mapping lives. */
export const httpStatusOf: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_json: 400,
  unauthorized: 401,
  payment_required: 402,
  module_not_entitled: 402,
  limit_reached: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  upgrade_required: 426,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
};

/** Fastify's own error codes that are the client's fault, translated to ours. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_VALIDATION: 'validation_failed',
};

function codeForStatus(status: number): ErrorCode {
  const found = (Object.entries(httpStatusOf) as [ErrorCode, number][]).find(([, s]) => s === status);
  return found ? found[0] : status >= 500 ? 'internal_error' : 'validation_failed';
}

/**
 * A request's validation errors as field issues: the path (`body.company.name`), what is wrong from a
 * closed list and its limit, so the app says it in the person's language; `message` stays zod's English.
 */
function validationIssues(err: FastifyError): FieldIssue[] {
  if (!hasZodFastifySchemaValidationErrors(err)) return [];
  return err.validation.flatMap((v) =>
    fieldIssueOf(
      { ...v.params, code: v.keyword, path: v.instancePath.split('/').filter(Boolean), message: v.message ?? 'invalid' },
      err.validationContext ?? 'request',
    ),
  );
}

function send(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.status(status).type('application/json; charset=utf-8').send(withRequestId(body, reply.request.id));
}

/** An error body that names its request (the same id as the X-Request-Id header and the log lines). */
export function withRequestId(body: ErrorBody, requestId: string): ErrorBody {
  return { error: { ...body.error, requestId } };
}

/** An incoming X-Request-Id is kept when it is short and made of safe characters; otherwise one is made. */
const requestIdPattern = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdFrom(header: string | string[] | undefined, generate: () => string): string {
  return typeof header === 'string' && requestIdPattern.test(header) ? header : generate();
}

export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof DomainError) {
    return { status: httpStatusOf[err.code], body: err.toBody() };
  }
  const fe = err as Partial<FastifyError>;
  if (fe.validation) {
    const issues = validationIssues(fe as FastifyError);
    const message = issues.length
      ? issues.map((i) => `${i.path}: ${i.message}`).join('; ')
      : (fe.message ?? 'Invalid request');
    return { status: 400, body: { error: { code: 'validation_failed', message, issues } } };
  }
  const mapped = fe.code ? fastifyCodes[fe.code] : undefined;
  if (mapped) {
    return { status: httpStatusOf[mapped], body: { error: { code: mapped, message: fe.message ?? mapped } } };
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = isErrorCode(fe.code) ? fe.code : codeForStatus(status);
    return { status, body: { error: { code, message: fe.message ?? code } } };
  }
  // Never leak internals: the log has the details, the client a stable message.
  return { status: 500, body: { error: { code: 'internal_error', message: 'Internal server error' } } };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toErrorResponse(err);
    if (status >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ code: body.error.code, status }, 'request rejected');
    return send(reply, status, body);
  });
}

/** JSON 404 for the API; the SPA decides about everything else (see static.ts). */
export function apiNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return send(reply, 404, {
    error: { code: 'not_found', message: `Route ${request.method} ${request.url.split('?')[0]} not found` },
  });
}

import { HttpException } from '@nestjs/common';

export interface EdgeErrorSpec {
  readonly status: number;
  readonly reason: string;
}

/**
 * The codes of requests refused for their form, before any rule of the regulation is asked:
 * framework limits, encodings, text hygiene, idempotency keys and failing neighbours. They cite
 * no rule (none demands them); like the domain's codes they are stable and never reused.
 */
export const EDGE_ERROR_CATALOGUE = {
  CUSTOS_CONSOLE_UNKNOWN_SERVICE: { status: 404, reason: 'the console gateway serves no API of that name' },
  CUSTOS_CONSOLE_UPSTREAM_UNREACHABLE: { status: 502, reason: 'the console gateway cannot reach the service' },
  CUSTOS_CONSOLE_METHOD_NOT_ALLOWED: { status: 405, reason: 'the inbox stream is read with GET' },
  CUSTOS_CONSOLE_INBOX_UNAUTHENTICATED: { status: 401, reason: 'the inbox stream is opened with the person’s bearer token' },
  CUSTOS_CONSOLE_INBOX_BUSY: { status: 503, reason: 'the console gateway holds as many open inbox streams as it allows; retry later' },
  CUSTOS_AUTH_DEV_USERS_PAGE_INVALID: {
    status: 400,
    reason: 'the sign-in list is paged by whole-number limits and offsets within their bounds',
  },
  CUSTOS_INPUT_MALFORMED_JSON: { status: 400, reason: 'the body is not well-formed JSON' },
  CUSTOS_INPUT_BODY_TOO_LARGE: { status: 413, reason: 'the body is larger than this service accepts' },
  CUSTOS_INPUT_TOO_DEEP: { status: 400, reason: 'the body nests objects or arrays too deeply' },
  CUSTOS_INPUT_UNSUPPORTED_CHARSET: { status: 415, reason: 'JSON bodies are read as UTF-8 only' },
  CUSTOS_INPUT_UNSUPPORTED_ENCODING: { status: 415, reason: 'the content encoding is not supported' },
  CUSTOS_INPUT_UNSUPPORTED_MEDIA_TYPE: { status: 415, reason: 'this endpoint reads application/json bodies only' },
  CUSTOS_INPUT_INVALID_UTF8: { status: 400, reason: 'the body is not valid UTF-8' },
  CUSTOS_INPUT_CONTROL_CHARACTER: { status: 400, reason: 'text may not contain NUL or other control characters' },
  CUSTOS_INPUT_BIDI_CONTROL: { status: 400, reason: 'text may not contain bidirectional override or isolate characters' },
  CUSTOS_INPUT_FORBIDDEN_KEY: { status: 400, reason: 'a property named __proto__, constructor or prototype is refused' },
  CUSTOS_INPUT_MALFORMED_URL: { status: 400, reason: 'the URL has an invalid percent-encoding' },
  CUSTOS_INPUT_HEADERS_TOO_LARGE: { status: 431, reason: 'the request headers are larger than this service accepts' },
  CUSTOS_INPUT_BAD_REQUEST: { status: 400, reason: 'the request could not be read' },
  CUSTOS_INPUT_IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    reason: 'an Idempotency-Key is 1 to 255 printable ASCII characters',
  },
  CUSTOS_INPUT_IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    reason: 'this Idempotency-Key was used for another request; use a new key for a new request',
  },
  CUSTOS_INPUT_IDEMPOTENCY_KEY_IN_USE: {
    status: 409,
    reason: 'the first request with this Idempotency-Key is still running; retry shortly',
  },
  CUSTOS_RATE_LIMITED: {
    status: 429,
    reason: 'too many requests from this source or principal; retry after the Retry-After seconds',
  },
  CUSTOS_DOWNSTREAM_FAILED: { status: 502, reason: 'a service this answer depends on failed; retry later' },
  CUSTOS_DOWNSTREAM_UNAVAILABLE: { status: 503, reason: 'a service this answer depends on is unreachable; retry later' },
} as const satisfies Record<string, EdgeErrorSpec>;

export type EdgeErrorCode = keyof typeof EDGE_ERROR_CATALOGUE;

/** A request refused at the HTTP edge (its form, or a neighbour failing), answered with its catalogued status and code. */
export class EdgeException extends HttpException {
  constructor(
    readonly code: EdgeErrorCode,
    details?: Record<string, unknown>,
    message?: string,
  ) {
    const { status, reason } = EDGE_ERROR_CATALOGUE[code];
    super(
      { statusCode: status, code, message: message ?? reason, ...(details === undefined ? {} : { details }) },
      status,
    );
    this.name = 'EdgeException';
  }
}

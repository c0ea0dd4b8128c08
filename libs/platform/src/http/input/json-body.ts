import type { IncomingMessage } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { EdgeErrorCode, EdgeException } from '../../errors/edge-errors';
import { findTextProblem, jsonDepthExceeds, MAX_JSON_DEPTH, textProblemOf } from './text-hygiene';

/** The largest JSON body a service reads (Nest's default, stated once); footage travels as raw bytes. */
export const JSON_BODY_LIMIT = '100kb';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Express's JSON parser, stricter: UTF-8 only, invalid bytes refused rather than replaced, and
 * nesting capped before parsing. Registered before `init()`, so Nest, finding a `jsonParser`,
 * does not add its default one after it.
 */
export function useStrictJsonBody(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT, verify: verifyJsonBytes });
}

function verifyJsonBytes(_req: IncomingMessage, _res: unknown, body: Buffer, encoding: string): void {
  if (encoding !== 'utf-8' && encoding !== 'utf8') throw new EdgeException('CUSTOS_INPUT_UNSUPPORTED_CHARSET', { charset: encoding });
  try {
    UTF8.decode(body);
  } catch {
    throw new EdgeException('CUSTOS_INPUT_INVALID_UTF8');
  }
  if (jsonDepthExceeds(body)) throw new EdgeException('CUSTOS_INPUT_TOO_DEEP', { maxDepth: MAX_JSON_DEPTH });
}

/** body-parser's errors (`type` names each) to their codes. */
const BODY_PARSER_CODES: Record<string, EdgeErrorCode> = {
  'entity.too.large': 'CUSTOS_INPUT_BODY_TOO_LARGE',
  'entity.parse.failed': 'CUSTOS_INPUT_MALFORMED_JSON',
  'charset.unsupported': 'CUSTOS_INPUT_UNSUPPORTED_CHARSET',
  'encoding.unsupported': 'CUSTOS_INPUT_UNSUPPORTED_ENCODING',
  'request.aborted': 'CUSTOS_INPUT_BAD_REQUEST',
  'request.size.invalid': 'CUSTOS_INPUT_BAD_REQUEST',
  'stream.encoding.set': 'CUSTOS_INPUT_BAD_REQUEST',
  'stream.not.readable': 'CUSTOS_INPUT_BAD_REQUEST',
};

/**
 * Turns the body parser's errors into coded refusals before Nest sees them (Nest would map a
 * 413 or 415 it does not know to a 500, and a parse error to an uncoded 400).
 */
export const bodyParserErrors: ErrorRequestHandler = (error: unknown, _req, _res, next) => {
  if (error instanceof EdgeException) return next(error);
  const type = (error as { type?: unknown } | null)?.type;
  const code = typeof type === 'string' ? BODY_PARSER_CODES[type] : undefined;
  if (!code) return next(error);
  const limit = (error as { limit?: unknown }).limit;
  next(new EdgeException(code, code === 'CUSTOS_INPUT_BODY_TOO_LARGE' && typeof limit === 'number' ? { limitBytes: limit } : undefined));
};

/**
 * Text hygiene of everything a client names a value with, once for every route: the decoded
 * path, the query and the JSON body refuse control and bidi characters and prototype keys.
 */
export const inputHygiene: RequestHandler = (req, _res, next) => {
  const problem = urlProblemOf(req.originalUrl ?? req.url) ?? findTextProblem(req.query) ?? findTextProblem(req.body);
  if (!problem) return next();
  next(new EdgeException(problem.code, problem.path ? { property: problem.path } : undefined));
};

function urlProblemOf(url: string): { code: EdgeErrorCode; path: string } | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {
    return { code: 'CUSTOS_INPUT_MALFORMED_URL', path: '' };
  }
  const code = textProblemOf(decoded);
  return code ? { code, path: '' } : undefined;
}

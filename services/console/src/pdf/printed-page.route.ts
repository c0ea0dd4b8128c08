import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerProblem } from '../problem';
import { ChromiumPdfRenderer } from './chromium-pdf';

/** The web app's sessionStorage key and shape (web/src/session.ts): the print page signs in with the caller's own token. */
export const SESSION_KEY = 'custos.session';

export function sessionFor(token: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    return JSON.stringify({
      accessToken: token,
      expiresAt: Number(claims.exp) * 1000,
      subject: String(claims.sub),
      personId: String(claims['custos:person']),
      organisationId: String(claims['custos:org']),
      roles: Array.isArray(claims['custos:roles']) ? claims['custos:roles'] : [],
      displayName: String(claims['custos:person']),
      organisationName: String(claims['custos:org']),
    });
  } catch {
    return undefined;
  }
}

/** The page of the console to print for a path, and the PDF's file name; undefined: not this route's path. */
export type PrintTarget = { readonly page: string; readonly filename: string } | { readonly invalid: string } | undefined;

/** The API's refusal as a PDF route answers it: 401/403/404 as they are, 400 as bad input, anything else a downstream failure. */
function failureStatus(failed: number): { status: number; code: string } {
  if (failed === 400) return { status: 400, code: 'CUSTOS_VALIDATION_FAILED' };
  return [401, 403, 404].includes(failed) ? { status: failed, code: 'CUSTOS_NOT_FOUND' } : { status: 502, code: 'CUSTOS_DOWNSTREAM_FAILED' };
}

/**
 * A `GET /pdf/…` route that prints one of the console's own pages (frame `bare`) with headless
 * Chromium under the caller's own token, so the APIs the page reads decide what it may show;
 * whoever may not read it gets their refusal here too. `what` names the document in refusals.
 * Returns false for any path `target` does not claim.
 */
export function printedPageRoute(renderer: ChromiumPdfRenderer, consoleUrl: () => string, what: string, target: (pathname: string, search: URLSearchParams) => PrintTarget) {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    const found = target(pathname, new URL(req.url ?? '/', 'http://console').searchParams);
    if (!found) return false;
    if (req.method !== 'GET') {
      res.writeHead(405, { Allow: 'GET' }).end();
      return true;
    }
    if ('invalid' in found) {
      answerProblem(res, 400, 'CUSTOS_VALIDATION_FAILED', found.invalid);
      return true;
    }
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const session = token ? sessionFor(token) : undefined;
    if (!token || !session) {
      answerProblem(res, 401, 'CUSTOS_AUTH_TOKEN_MISSING', 'a bearer token is required');
      return true;
    }
    const printed = await renderer
      .render({
        url: `${consoleUrl()}${found.page}`,
        authorization: `Bearer ${token}`,
        readySelector: '[data-print-ready], [data-print-failed]',
        failedAttribute: 'data-print-failed',
        sessionStorage: { [SESSION_KEY]: session },
      })
      .catch(() => undefined);
    if (printed === undefined) {
      answerProblem(res, 503, 'CUSTOS_DOWNSTREAM_UNAVAILABLE', 'the PDF renderer is unavailable; retry later');
    } else if (printed.failed !== undefined) {
      const { status, code } = failureStatus(printed.failed);
      answerProblem(res, status, code, `the ${what} could not be printed`);
    } else {
      res.writeHead(200, {
        'Content-Type': 'application/pdf',
        'Content-Length': printed.pdf.length,
        'Content-Disposition': `attachment; filename="${found.filename}"`,
        'Cache-Control': 'no-store',
      });
      res.end(printed.pdf);
    }
    return true;
  };
}

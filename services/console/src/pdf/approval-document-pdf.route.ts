import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerProblem } from '../problem';
import { ChromiumPdfRenderer } from './chromium-pdf';

const ROUTE = /^\/pdf\/approval-documents\/([0-9a-fA-F-]{36})$/;

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

/**
 * `GET /pdf/approval-documents/<requestId>`: the console's printable page of that approval
 * document, printed by headless Chromium (R18.5). The gateway decides nothing: the page reads
 * the document from the approvals API with the caller's own bearer token, so whoever may not
 * read it gets the API's refusal (404) here too. Returns false for any other path.
 */
export function approvalDocumentPdfRoute(renderer: ChromiumPdfRenderer, consoleUrl: () => string) {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    const match = ROUTE.exec(pathname);
    if (!match) return false;
    if (req.method !== 'GET') {
      res.writeHead(405, { Allow: 'GET' }).end();
      return true;
    }
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const session = token && sessionFor(token);
    if (!token || !session) {
      answerProblem(res, 401, 'CUSTOS_AUTH_TOKEN_MISSING', 'a bearer token is required');
      return true;
    }
    try {
      const result = await renderer.render({
        url: `${consoleUrl()}/documents/${match[1]}`,
        authorization: `Bearer ${token}`,
        readySelector: '[data-print-ready], [data-print-failed]',
        failedAttribute: 'data-print-failed',
        sessionStorage: { [SESSION_KEY]: session },
      });
      if (result.failed !== undefined) {
        const status = result.failed === 401 || result.failed === 403 || result.failed === 404 ? result.failed : 502;
        answerProblem(res, status, status === 502 ? 'CUSTOS_DOWNSTREAM_FAILED' : 'CUSTOS_NOT_FOUND', 'the approval document could not be printed');
        return true;
      }
      res.writeHead(200, {
        'Content-Type': 'application/pdf',
        'Content-Length': result.pdf.length,
        'Content-Disposition': `attachment; filename="approval-${match[1]}.pdf"`,
        'Cache-Control': 'no-store',
      });
      res.end(result.pdf);
    } catch {
      answerProblem(res, 503, 'CUSTOS_DOWNSTREAM_UNAVAILABLE', 'the PDF renderer is unavailable; retry later');
    }
    return true;
  };
}

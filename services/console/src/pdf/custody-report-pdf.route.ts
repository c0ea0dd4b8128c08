import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerProblem } from '../problem';
import { SESSION_KEY, sessionFor } from './approval-document-pdf.route';
import { ChromiumPdfRenderer } from './chromium-pdf';

/** An evidence item id: custody's ids are UUIDs. */
const ROUTE = /^\/pdf\/custody-reports\/([0-9a-fA-F-]{36})$/;

/** The API's refusal as the PDF route answers it: 401/403/404 as they are, anything else a downstream failure. */
function failureStatus(failed: number): { status: number; code: string } {
  return [401, 403, 404].includes(failed) ? { status: failed, code: 'CUSTOS_NOT_FOUND' } : { status: 502, code: 'CUSTOS_DOWNSTREAM_FAILED' };
}

/**
 * `GET /pdf/custody-reports/<evidenceItemId>` (issue 18): the console's chain-of-custody report
 * of that package (`/oversight/evidence/<id>/report`, in Chinese), printed by headless Chromium
 * under the caller's own token, so the custody and ledger APIs decide what it may show; whoever
 * may not read the item gets their refusal here too. Returns false for any other path.
 */
export function custodyReportPdfRoute(renderer: ChromiumPdfRenderer, consoleUrl: () => string) {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    const match = ROUTE.exec(pathname);
    if (!match) return false;
    if (req.method !== 'GET') {
      res.writeHead(405, { Allow: 'GET' }).end();
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
        url: `${consoleUrl()}/oversight/evidence/${match[1]}/report`,
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
      answerProblem(res, status, code, 'the chain-of-custody report could not be printed');
    } else {
      res.writeHead(200, {
        'Content-Type': 'application/pdf',
        'Content-Length': printed.pdf.length,
        'Content-Disposition': `attachment; filename="custody-report-${match[1]}.pdf"`,
        'Cache-Control': 'no-store',
      });
      res.end(printed.pdf);
    }
    return true;
  };
}

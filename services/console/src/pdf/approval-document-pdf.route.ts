import { ChromiumPdfRenderer } from './chromium-pdf';
import { printedPageRoute } from './printed-page.route';

const ROUTE = /^\/pdf\/approval-documents\/([0-9a-fA-F-]{36})$/;

/**
 * `GET /pdf/approval-documents/<requestId>`: the console's printable page of that approval
 * document, printed by headless Chromium (R18.5). The gateway decides nothing: the page reads
 * the document from the approvals API with the caller's own bearer token, so whoever may not
 * read it gets the API's refusal (404) here too.
 */
export function approvalDocumentPdfRoute(renderer: ChromiumPdfRenderer, consoleUrl: () => string) {
  return printedPageRoute(renderer, consoleUrl, 'approval document', (pathname) => {
    const match = ROUTE.exec(pathname);
    return match ? { page: `/documents/${match[1]}`, filename: `approval-${match[1]}.pdf` } : undefined;
  });
}

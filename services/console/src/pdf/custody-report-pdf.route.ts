import { ChromiumPdfRenderer } from './chromium-pdf';
import { printedPageRoute } from './printed-page.route';

/** An evidence item id: custody's ids are UUIDs. */
const ROUTE = /^\/pdf\/custody-reports\/([0-9a-fA-F-]{36})$/;

/**
 * `GET /pdf/custody-reports/<evidenceItemId>` (issue 18): the console's chain-of-custody report
 * of that package (`/oversight/evidence/<id>/report`, in Chinese), printed by headless Chromium
 * under the caller's own token, so the custody and ledger APIs decide what it may show.
 */
export function custodyReportPdfRoute(renderer: ChromiumPdfRenderer, consoleUrl: () => string) {
  return printedPageRoute(renderer, consoleUrl, 'chain-of-custody report', (pathname) => {
    const match = ROUTE.exec(pathname);
    return match ? { page: `/oversight/evidence/${match[1]}/report`, filename: `custody-report-${match[1]}.pdf` } : undefined;
  });
}

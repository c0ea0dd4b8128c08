import { ChromiumPdfRenderer } from './chromium-pdf';
import { printedPageRoute } from './printed-page.route';

/** An RFC 3339 instant with its offset, as oversight's period takes it. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * `GET /pdf/oversight-reports?from=&to=` (issue 20): the report of the caller's jurisdiction and
 * period (`/oversight/reports/print`, in Chinese, its charts inline SVG and every figure with its
 * ledger entries), printed by headless Chromium under the caller's own token: oversight's API
 * decides the jurisdiction and refuses a bad period (400), which this route answers as it was.
 */
export function oversightReportPdfRoute(renderer: ChromiumPdfRenderer, consoleUrl: () => string) {
  return printedPageRoute(renderer, consoleUrl, 'oversight report', (pathname, search) => {
    if (pathname !== '/pdf/oversight-reports') return undefined;
    const from = search.get('from') ?? '';
    const to = search.get('to') ?? '';
    if (!INSTANT.test(from) || !INSTANT.test(to)) return { invalid: 'from and to must be instants with an offset (RFC 3339)' };
    const query = new URLSearchParams({ from, to }).toString();
    return { page: `/oversight/reports/print?${query}`, filename: `oversight-report-${from.slice(0, 10)}-${to.slice(0, 10)}.pdf` };
  });
}

import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ChromiumPdfRenderer, pdfFacts } from './chromium-pdf';
import { pdfText } from './pdf-text';

/** A4 in PostScript points. */
const A4 = [595.28, 841.89];

describe('the console prints a page to PDF with headless Chromium (issue 17)', () => {
  let server: Server;
  let origin: string;
  const seen: { path: string; authorization?: string }[] = [];
  const renderer = new ChromiumPdfRenderer({ timeoutMs: 30_000 });

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
      if (req.url === '/api/approvals/v1/doc') {
        const ok = req.headers.authorization === 'Bearer the-token';
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? { number: '610113-001-2026-000042' } : {}));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="zh-CN"><body><h1>批准文件</h1><p id="n"></p>
        <script>fetch('/api/approvals/v1/doc').then(r => r.json()).then(j => { document.getElementById('n').textContent = '编号 ' + j.number;
          document.body.setAttribute('data-print-ready', sessionStorage.getItem('lang') || 'none'); });</script></body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await renderer.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('prints one A4 page once the page says it is ready, with the bearer token on its API calls only', async () => {
    const { pdf } = await renderer.render({ url: `${origin}/print`, authorization: 'Bearer the-token', readySelector: '[data-print-ready="zh-CN"]', sessionStorage: { lang: 'zh-CN' } });
    const facts = pdfFacts(pdf!);
    expect(facts.isPdf).toBe(true);
    expect(facts.pages).toBe(1);
    // Chromium rounds the page to whole CSS pixels: 596 × 843 pt, within 1.5 pt of A4.
    const [width, height] = facts.mediaBoxes[0].slice(2);
    expect(Math.abs(width - A4[0])).toBeLessThan(1.5);
    expect(Math.abs(height - A4[1])).toBeLessThan(1.5);
    // What the page said, read back from the PDF through its fonts' ToUnicode maps.
    expect(pdfText(pdf!).split('\n')).toEqual(expect.arrayContaining(['批准文件', '编号 610113-001-2026-000042']));
    expect(seen.find((s) => s.path === '/api/approvals/v1/doc')?.authorization).toBe('Bearer the-token');
    expect(seen.find((s) => s.path === '/print')?.authorization).toBeUndefined();
  }, 60_000);

  it('fails, rather than printing a half-drawn page, when the page never becomes ready', async () => {
    const impatient = new ChromiumPdfRenderer({ timeoutMs: 2_000 });
    try {
      await expect(impatient.render({ url: `${origin}/print`, readySelector: '[data-print-ready="zh-CN"]' })).rejects.toThrow(/Timeout/);
    } finally {
      await impatient.close();
    }
  }, 60_000);
});

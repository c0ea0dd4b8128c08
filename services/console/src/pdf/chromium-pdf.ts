import { Browser, chromium } from 'playwright-core';

/**
 * Prints a page of the console to PDF with headless Chromium (Debian's `chromium`), as the
 * person's own browser would print it: A4, the page's print styles, Chinese in the installed
 * Noto CJK fonts. The page is loaded on the console's origin like any other; the caller's
 * bearer token is added to the page's own API calls (`/api/…` on that origin) and to nothing
 * else, so the printed page shows exactly what its reader may see. One browser for the process,
 * launched on first use; one fresh context per document, closed after it; at most
 * `concurrency` pages at once, the others wait their turn.
 */
export interface PdfRendererOptions {
  readonly executablePath?: string;
  readonly concurrency?: number;
  readonly timeoutMs?: number;
}

export interface RenderPdfInput {
  /** Absolute URL of the print page, on the console's origin. */
  readonly url: string;
  /** Sent as `Authorization` on the page's requests under `<origin>/api/`. */
  readonly authorization?: string;
  /** The page is printed once this selector is in the document (its data and QR code drawn). */
  readonly readySelector?: string;
  /** When the ready element carries this attribute, the page could not show the document: its value (an HTTP status) is returned, no PDF. */
  readonly failedAttribute?: string;
  /** Values the page finds in its sessionStorage on load (e.g. the language), on the page's origin. */
  readonly sessionStorage?: Readonly<Record<string, string>>;
}

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export class ChromiumPdfRenderer {
  private browser?: Promise<Browser>;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: PdfRendererOptions = {}) {}

  /** The PDF, or the status the page reported through `failedAttribute`. */
  async render(input: RenderPdfInput): Promise<{ pdf: Buffer; failed?: undefined } | { pdf?: undefined; failed: number }> {
    await this.turn();
    try {
      return await this.print(input);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close();
  }

  private async print(input: RenderPdfInput): Promise<{ pdf: Buffer; failed?: undefined } | { pdf?: undefined; failed: number }> {
    const timeout = this.options.timeoutMs ?? 20_000;
    const context = await (await this.launch()).newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
    try {
      context.setDefaultTimeout(timeout);
      const origin = new URL(input.url).origin;
      if (input.authorization) {
        const authorization = input.authorization;
        await context.route(
          (url) => url.origin === origin && url.pathname.startsWith('/api/'),
          (route) => route.continue({ headers: { ...route.request().headers(), authorization } }),
        );
      }
      if (input.sessionStorage) {
        // Runs in the page, before its own scripts: JSON-embedded, so no value can break out of the string.
        await context.addInitScript({
          content: `if (location.origin === ${JSON.stringify(origin)}) for (const [k, v] of Object.entries(${JSON.stringify(input.sessionStorage)})) sessionStorage.setItem(k, v);`,
        });
      }
      const page = await context.newPage();
      await page.goto(input.url, { waitUntil: 'load' });
      if (input.readySelector) {
        const ready = await page.waitForSelector(input.readySelector, { state: 'attached' });
        const failed = input.failedAttribute ? await ready.getAttribute(input.failedAttribute) : null;
        if (failed !== null) return { failed: Number(failed) || 500 };
      }
      await page.emulateMedia({ media: 'print' });
      return { pdf: await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }) };
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  private launch(): Promise<Browser> {
    if (this.browser === undefined) {
      const launched = chromium.launch({ executablePath: this.options.executablePath ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS, headless: true });
      // A failed launch is not kept: the next document tries again.
      launched.catch(() => {
        if (this.browser === launched) this.browser = undefined;
      });
      this.browser = launched;
    }
    return this.browser;
  }

  private turn(): Promise<void> {
    if (this.running < (this.options.concurrency ?? 2)) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.running++;
        resolve();
      }),
    );
  }
}

/** What a PDF says of itself without parsing its streams: its pages and their sizes in points. */
export function pdfFacts(pdf: Buffer): { isPdf: boolean; pages: number; mediaBoxes: number[][] } {
  const text = pdf.toString('latin1');
  const mediaBoxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.\s-]+)\]/g)].map((m) => m[1].trim().split(/\s+/).map(Number));
  return { isPdf: text.startsWith('%PDF-'), pages: (text.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length, mediaBoxes };
}

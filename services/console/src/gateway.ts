import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http, { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { inboxStreamRoute } from './inbox';
import { approvalDocumentPdfRoute } from './pdf/approval-document-pdf.route';
import { ChromiumPdfRenderer } from './pdf/chromium-pdf';
import { custodyReportPdfRoute } from './pdf/custody-report-pdf.route';
import { oversightReportPdfRoute } from './pdf/oversight-report-pdf.route';
import { answerProblem } from './problem';

/** What the web app reads at /console-config.json: how to sign in, which time zone. */
export interface ConsoleClientConfig {
  readonly mode: 'embedded' | 'oidc';
  readonly issuer?: string;
  readonly clientId?: string;
  readonly scope?: string;
  readonly timeZone?: string;
  /** Where the provider's tokens carry the principal (the services' CUSTOS_AUTH_*_CLAIM settings). */
  readonly claims?: { readonly roles?: string; readonly organisation?: string; readonly person?: string; readonly credential?: string };
}

export interface ConsoleGatewayOptions {
  /** The built web app (services/console/web/dist). */
  readonly webRoot: string;
  /** Service name → base URL; `/api/<name>/…` goes there. */
  readonly upstreams: Readonly<Record<string, string>>;
  readonly client: ConsoleClientConfig;
  readonly port?: number;
  readonly host?: string;
  /** How often an open inbox stream asks the services again (default 2 000 ms). */
  readonly inboxPollMs?: number;
}

export interface ConsoleGateway {
  readonly url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

// RFC 9110 §7.6.1: meaningful for one connection only, never forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

function forwardable(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
}

/**
 * The console's one origin: the built web app and the six APIs under `/api/<service>/…`, so
 * the browser needs no CORS. It adds no business rule: requests and responses pass as they are
 * (bodies streamed, Range and every end-to-end header kept), with an X-Correlation-Id.
 */
export function startConsoleGateway(options: ConsoleGatewayOptions): Promise<ConsoleGateway> {
  const webRoot = path.resolve(options.webRoot);
  const upstreams = new Map(Object.entries(options.upstreams).map(([name, url]) => [name, new URL(url)]));
  const clientConfig = JSON.stringify(options.client);

  // The approval document's PDF: the console's own print page, printed by headless Chromium (launched on first use).
  const renderer = new ChromiumPdfRenderer({ executablePath: process.env.CHROMIUM_PATH });
  let selfUrl = '';
  const approvalPdf = approvalDocumentPdfRoute(renderer, () => selfUrl);
  // Oversight's chain-of-custody report (issue 18), printed the same way.
  const custodyPdf = custodyReportPdfRoute(renderer, () => selfUrl);
  // Oversight's report of a jurisdiction and period (issue 20), printed the same way.
  const oversightPdf = oversightReportPdfRoute(renderer, () => selfUrl);
  const pdfRoute = async (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) =>
    (await approvalPdf(req, res, pathname)) || (await custodyPdf(req, res, pathname)) || oversightPdf(req, res, pathname);
  // The person's inbox counts as server-sent events (issue 18): the gateway's own, not a service's.
  const inboxRoute = inboxStreamRoute({ upstreams, pollMs: options.inboxPollMs });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://console');
    if (url.pathname === '/api/inbox/stream') return inboxRoute(req, res);
    const api = /^\/api\/([a-z-]+)(\/.*)?$/.exec(url.pathname);
    if (api) return proxy(req, res, upstreams.get(api[1]), `${api[2] ?? '/'}${url.search}`);
    if (url.pathname.startsWith('/pdf/')) return void pdfRoute(req, res, url.pathname).then((done) => done || serveStatic(req, res, webRoot, url.pathname));
    if (url.pathname === '/console-config.json') {
      res.writeHead(200, { 'Content-Type': TYPES['.json'], 'Cache-Control': 'no-store' });
      return res.end(clientConfig);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      return res.end();
    }
    return serveStatic(req, res, webRoot, url.pathname);
  });
  // Long downloads and viewing sessions stream for minutes; Node's defaults would cut them.
  server.requestTimeout = 0;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      // Chromium reaches the gateway on loopback, whatever address it listens on.
      selfUrl = `http://${!options.host || options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
      resolve({
        url: `http://${options.host ?? '127.0.0.1'}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => void renderer.close().finally(done));
            server.closeAllConnections();
          }),
      });
    });
  });
}

function proxy(req: IncomingMessage, res: ServerResponse, target: URL | undefined, pathAndQuery: string): void {
  if (!target) {
    answerProblem(res, 404, 'CUSTOS_CONSOLE_UNKNOWN_SERVICE', 'no such service');
    return;
  }
  const headers = forwardable(req.headers);
  headers['x-correlation-id'] ??= randomUUID();
  headers['x-forwarded-proto'] ??= 'http';
  if (req.headers.host) headers['x-forwarded-host'] ??= req.headers.host;
  const base = target.pathname.replace(/\/+$/, '');
  const upstream = (target.protocol === 'https:' ? https : http).request(
    {
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: `${base}${pathAndQuery}`,
      headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardable(answer.headers));
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (res.headersSent) return void res.destroy();
    answerProblem(res, 502, 'CUSTOS_CONSOLE_UPSTREAM_UNREACHABLE', 'service unreachable');
  });
  // A browser that goes away (closes the player) stops the upstream download too.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

function serveStatic(req: IncomingMessage, res: ServerResponse, webRoot: string, pathname: string): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400);
    return void res.end();
  }
  const file = path.resolve(webRoot, `.${path.posix.normalize(decoded)}`);
  const inside = file.startsWith(webRoot + path.sep);
  const isFile = inside && fs.statSync(file, { throwIfNoEntry: false })?.isFile();
  if (isFile) return sendFile(req, res, file, decoded.startsWith('/assets/'));
  // A missing asset is a 404; any other path is a page of the app (history routing).
  if (decoded.startsWith('/assets/') || path.extname(decoded) !== '') {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    return void res.end('not found');
  }
  return sendFile(req, res, path.join(webRoot, 'index.html'), false);
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, hashed: boolean): void {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    return void res.end('the console is not built (npm run console:build)');
  }
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': stat.size,
    // Vite puts a content hash in every asset's name: cache it forever; index.html never.
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') return void res.end();
  fs.createReadStream(file).pipe(res);
}

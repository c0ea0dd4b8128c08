import { createServer, type Server } from 'node:http';
import { NotFoundException, type INestApplication } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** `/metrics`, `/docs` (the UI and its assets) and `/docs-json`: what tells an outsider about the deployment. */
const MANAGEMENT_ONLY = /^\/(?:metrics|docs(?:-json)?)(?:[/?]|$)/;
const READINESS = /^\/health\/ready(?:\?|$)/;

/**
 * With a management port set (issue 16), the management endpoints answer on it only: on the
 * service port `/metrics` and the OpenAPI document are a 404 and readiness says up or down
 * without naming its dependencies. Both ports serve the same application; the port a request
 * came in on decides. `managementPort` 0 keeps everything on the service port.
 */
export function managementPortGate(managementPort: number): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (managementPort === 0 || request.socket.localPort === managementPort) return next();
    if (MANAGEMENT_ONLY.test(request.url)) return next(new NotFoundException());
    if (READINESS.test(request.url)) {
      const json = response.json.bind(response);
      response.json = (body: unknown) => json({ status: (body as { status?: unknown } | undefined)?.status });
    }
    next();
  };
}

/**
 * Listens on the management port with the application's own request handler, and stops with
 * the application. Answers undefined when no management port is set.
 */
export async function listenOnManagementPort(app: INestApplication, port: number, host: string): Promise<Server | undefined> {
  if (port === 0) return undefined;
  const server = createServer(app.getHttpAdapter().getInstance());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const closeWithTheApp = () => server.close();
  (app.getHttpServer() as Server).once('close', closeWithTheApp);
  return server;
}

import type { NextFunction, Request, Response } from 'express';
import { Histogram, Registry } from 'prom-client';

/**
 * Request durations by method, route pattern and status. The route pattern
 * (`/requests/:id`), never the path, keeps ids out of the label values: one series per
 * route, not one per request.
 */
export function httpMetricsMiddleware(registry: Registry) {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = duration.startTimer();
    res.once('finish', () => {
      const pattern = (req.route as { path?: unknown } | undefined)?.path;
      end({
        method: req.method,
        route: typeof pattern === 'string' ? pattern : 'unmatched',
        status: String(res.statusCode),
      });
    });
    next();
  };
}

import { Registry } from 'prom-client';

/**
 * The Prometheus registry of one application. Not prom-client's global registry: the
 * embedded mode runs six applications in one process, and each must expose only its own
 * metrics. Inject it to register a metric:
 * `new Counter({ name: 'custos_exports_total', help: '…', registers: [registry] })`.
 */
export class MetricsRegistry extends Registry {}

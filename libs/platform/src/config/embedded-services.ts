/**
 * The port each service answers on in the embedded mode (`npm start`): its config's default
 * `PORT`, and where the services it calls are by default.
 */
export const EMBEDDED_SERVICE_PORTS = {
  registry: 3001,
  requests: 3002,
  approvals: 3003,
  custody: 3004,
  storage: 3005,
  ledger: 3006,
  oversight: 3007,
} as const;

export type ServiceName = keyof typeof EMBEDDED_SERVICE_PORTS;

/** Where `service` answers in the embedded mode: the default of the setting naming its URL. */
export function embeddedServiceUrl(service: ServiceName): string {
  return `http://127.0.0.1:${EMBEDDED_SERVICE_PORTS[service]}`;
}

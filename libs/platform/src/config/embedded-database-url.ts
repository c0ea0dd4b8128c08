/**
 * The embedded mode's Postgres: `deploy/embedded/start.ts` runs it on 127.0.0.1:5433 (5433 so
 * that it never collides with a Postgres already on the default port) with superuser
 * `postgres`/`custos`, and gives each service a database `custos_<service>`. The password
 * only guards a server bound to the loopback interface of a developer's machine.
 */
export const EMBEDDED_POSTGRES = {
  host: '127.0.0.1',
  port: 5433,
  user: 'postgres',
  password: 'custos',
} as const;

export function embeddedDatabaseName(service: string): string {
  return `custos_${service}`;
}

export function embeddedDatabaseUrl(service: string): string {
  const { user, password, host, port } = EMBEDDED_POSTGRES;
  return `postgres://${user}:${password}@${host}:${port}/${embeddedDatabaseName(service)}`;
}

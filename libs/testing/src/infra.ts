/** Where the real servers of a test run are; every integration suite reads it from here. */
export interface S3Endpoint {
  readonly endPoint: string;
  readonly port: number;
  readonly useSSL: boolean;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly region: string;
}

export interface TestInfra {
  /** Superuser URL of a server on which suites create their own databases. */
  readonly databaseUrl: string;
  readonly kafkaBrokers: string[];
  readonly s3: S3Endpoint;
  /** `environment`, `testcontainers` or `local-processes`. */
  readonly source: string;
  /** Issuer URL of a real OpenID provider (its discovery document and JWKS live under it). */
  readonly oidcIssuer?: string;
}

export function infraToEnv(infra: TestInfra): Record<string, string> {
  return {
    DATABASE_URL: infra.databaseUrl,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    S3_ENDPOINT: `${infra.s3.useSSL ? 'https' : 'http'}://${infra.s3.endPoint}:${infra.s3.port}`,
    S3_ACCESS_KEY: infra.s3.accessKey,
    S3_SECRET_KEY: infra.s3.secretKey,
    S3_REGION: infra.s3.region,
    CUSTOS_TEST_INFRA_SOURCE: infra.source,
    ...(infra.oidcIssuer ? { CUSTOS_TEST_OIDC_ISSUER: infra.oidcIssuer } : {}),
  };
}

/** The infrastructure given by the environment, or undefined when any part is missing. */
export function infraFromEnv(env: NodeJS.ProcessEnv = process.env): TestInfra | undefined {
  const { DATABASE_URL, KAFKA_BROKERS, S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY } = env;
  if (!DATABASE_URL || !KAFKA_BROKERS || !S3_ENDPOINT || !S3_ACCESS_KEY || !S3_SECRET_KEY) {
    return undefined;
  }
  const s3Url = new URL(S3_ENDPOINT);
  const useSSL = s3Url.protocol === 'https:';
  return {
    databaseUrl: DATABASE_URL,
    kafkaBrokers: KAFKA_BROKERS.split(',').map((b) => b.trim()).filter(Boolean),
    s3: {
      endPoint: s3Url.hostname,
      port: Number(s3Url.port || (useSSL ? 443 : 80)),
      useSSL,
      accessKey: S3_ACCESS_KEY,
      secretKey: S3_SECRET_KEY,
      region: env.S3_REGION ?? 'us-east-1',
    },
    source: env.CUSTOS_TEST_INFRA_SOURCE ?? 'environment',
    ...(env.CUSTOS_TEST_OIDC_ISSUER ? { oidcIssuer: env.CUSTOS_TEST_OIDC_ISSUER } : {}),
  };
}

/** Inside a test: the servers that global setup started or found. */
export function testInfra(): TestInfra {
  const infra = infraFromEnv();
  if (!infra) {
    throw new Error('No test infrastructure: run integration suites through jest (global setup).');
  }
  return infra;
}

/** Inside a test: the issuer URL of the harness's real OpenID provider. */
export function testOidcIssuer(): string {
  const issuer = testInfra().oidcIssuer;
  if (!issuer) throw new Error('No OpenID provider: run integration suites through jest (global setup).');
  return issuer;
}

import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';

/** TLS to the brokers: the CA that signed their certificates and, for mutual TLS, the client's own. */
export interface KafkaTlsOptions {
  /** PEM of the CA(s) the brokers' certificates chain to; empty: the system's trust store. */
  readonly ca?: string;
  /** PEM certificate and key of this client, when the brokers ask for one (mutual TLS). */
  readonly cert?: string;
  readonly key?: string;
  /** The name the brokers' certificates must carry, when it is not the address dialled. */
  readonly servername?: string;
}

/** SASL on the brokers' listener: SCRAM with a user of the cluster, or an OAuth bearer token. */
export type KafkaSaslOptions =
  | { readonly mechanism: 'scram-sha-256' | 'scram-sha-512'; readonly username: string; readonly password: string }
  /**
   * RFC 7628: a short-lived access token of the service's own client at the OpenID provider.
   * The source caches it and renews it before it expires; kafkajs asks again for each new
   * connection and when the broker's session lifetime runs out (KIP-368 re-authentication).
   */
  | { readonly mechanism: 'oauthbearer'; readonly token: () => Promise<string> };

export interface KafkaSecurity {
  readonly tls?: KafkaTlsOptions;
  readonly sasl?: KafkaSaslOptions;
}

/** The kafkajs settings for `security`: `ssl` and `sasl`, nothing when it asks for neither. */
export function kafkaClientSecurity(security: KafkaSecurity | undefined): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  if (!security) return {};
  const { tls, sasl } = security;
  const ssl: ConnectionOptions | undefined = tls && {
    // Never `rejectUnauthorized: false`: a bus whose broker is not verified is not TLS.
    rejectUnauthorized: true,
    ...(tls.ca ? { ca: [tls.ca] } : {}),
    ...(tls.cert ? { cert: tls.cert } : {}),
    ...(tls.key ? { key: tls.key } : {}),
    ...(tls.servername ? { servername: tls.servername } : {}),
  };
  return { ...(ssl ? { ssl } : {}), ...(sasl ? { sasl: saslOf(sasl) } : {}) };
}

function saslOf(sasl: KafkaSaslOptions): SASLOptions {
  if (sasl.mechanism === 'oauthbearer') {
    const { token } = sasl;
    return { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: await token() }) };
  }
  return { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password };
}

import { CommonConfig } from '../config/common.config';
import { loadConfig } from '../config/load-config';
import { kafkaSecurityOf } from './service-wiring';

/** The bus security settings are checked at start, each refusal naming the setting (issue 16). */
describe('Kafka TLS and SASL settings (issue 16, bus boundary)', () => {
  const config = (env: Record<string, string>) => loadConfig(CommonConfig, { EVENT_BUS: 'kafka', ...env });
  const scram = { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'custos-ledger', KAFKA_SASL_PASSWORD: 'pw' };

  it('refuses SASL without TLS outside the embedded mode, naming the setting', () => {
    expect(() => kafkaSecurityOf(config(scram))).toThrow(/^KAFKA_SASL_MECHANISM: scram-sha-512 without KAFKA_SSL=true is refused when EMBEDDED_MODE=false/);
    expect(kafkaSecurityOf(config({ ...scram, EMBEDDED_MODE: 'true' })).sasl).toMatchObject({ mechanism: 'scram-sha-512', username: 'custos-ledger' });
  });

  it('refuses SCRAM without a user or password, OAUTHBEARER without the client, and half a client certificate', () => {
    const tls = { KAFKA_SSL: 'true' };
    expect(() => kafkaSecurityOf(config({ ...tls, ...scram, KAFKA_SASL_PASSWORD: '' }))).toThrow(/^KAFKA_SASL_PASSWORD:/);
    expect(() => kafkaSecurityOf(config({ ...tls, ...scram, KAFKA_SASL_USERNAME: '' }))).toThrow(/^KAFKA_SASL_USERNAME:/);
    expect(() => kafkaSecurityOf(config({ ...tls, KAFKA_SASL_MECHANISM: 'oauthbearer' }))).toThrow(/^CUSTOS_AUTH_CLIENT_ID: KAFKA_SASL_MECHANISM=oauthbearer needs/);
    expect(() => kafkaSecurityOf(config({ ...tls, KAFKA_SSL_CERT: 'PEM' }))).toThrow(/^KAFKA_SSL_KEY:/);
    expect(() => kafkaSecurityOf(config({ KAFKA_SSL_CA: 'PEM' }))).toThrow(/^KAFKA_SSL: must be true/);
    expect(() => loadConfig(CommonConfig, { KAFKA_SASL_MECHANISM: 'plain' })).toThrow(/KAFKA_SASL_MECHANISM must be empty or one of scram-sha-256, scram-sha-512, oauthbearer/);
  });

  it('asks for nothing by default, and TLS with the CA and server name given', () => {
    expect(kafkaSecurityOf(config({}))).toEqual({ tls: undefined });
    expect(kafkaSecurityOf(config({ KAFKA_SSL: 'true', KAFKA_SSL_CA: 'CA PEM', KAFKA_SSL_SERVERNAME: 'kafka' })).tls).toEqual({
      ca: 'CA PEM',
      cert: undefined,
      key: undefined,
      servername: 'kafka',
    });
  });
});

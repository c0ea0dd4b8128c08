import request from 'supertest';
import { Principal, startTestIssuer, TestIssuer } from '@custos/auth';
import { EventDefinition } from '@custos/contracts';
import { KafkaTransport } from '@custos/eventstore';
import { binaryBody, testInfra, uniqueTopicPrefix } from '@custos/testing';
import { startUpstreamService, UpstreamService } from './upstream-service';

/**
 * What a custody suite over the broker starts before custody itself: a token issuer, the
 * harness's broker under a topic prefix of the suite's own, and the upstream service whose events
 * custody consumes (storage's exports, requests' VIEW requests, approvals' grants).
 */
export interface BrokerSide {
  readonly issuer: TestIssuer;
  readonly transport: KafkaTransport;
  readonly topicPrefix: string;
  readonly upstream: UpstreamService;
  /** Closes the upstream service, the transport and the issuer. */
  close(): Promise<void>;
}

/** The broker side of suite `name`, with `service`'s event store relayed to the suite's topics. */
export async function startBrokerSide(name: string, service: string, definitions: readonly EventDefinition[]): Promise<BrokerSide> {
  const issuer = await startTestIssuer();
  const topicPrefix = uniqueTopicPrefix(name);
  const transport = new KafkaTransport({ brokers: testInfra().kafkaBrokers, clientId: `${name}-test`, sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 });
  const upstream = await startUpstreamService(service, definitions, { transport, topicPrefix }, `${name}-${service}-side`);
  const close = async () => {
    await upstream.close();
    await transport.close();
    await issuer.close();
  };
  return { issuer, transport, topicPrefix, upstream, close };
}

/**
 * Calls on custody at `url()`: as `principal`, with a bearer token the issuer signed for them
 * (one per principal as the token shows it, reused), or link-authenticated as a browser's
 * `<video>` makes them, with no token and the body as bytes.
 */
export function custodyCaller(issuer: () => TestIssuer, url: () => string) {
  const tokens = new Map<string, string>();
  const tokenOf = async (principal: Principal): Promise<string> => {
    const key = `${principal.subject}|${principal.roles.join()}|${principal.divisionCode}|${principal.organisationId}|${principal.credentialNumber ?? '(none shown)'}`;
    if (!tokens.has(key)) tokens.set(key, await issuer().tokenFor(principal));
    return tokens.get(key)!;
  };
  return {
    tokenOf,
    post: async (path: string, principal: Principal, body: object = {}) =>
      request(url()).post(path).set('authorization', `Bearer ${await tokenOf(principal)}`).send(body),
    get: async (path: string, principal: Principal) => request(url()).get(path).set('authorization', `Bearer ${await tokenOf(principal)}`),
    play: (path: string, range?: string) => {
      const call = request(url()).get(path).buffer(true).parse(binaryBody);
      return range === undefined ? call : call.set('range', range);
    },
  };
}

import { accessDeniedDefinition, EventDefinition, EventRegistry, quarantineResolvedDefinition } from '@custos/contracts';
import { EventConsumer, EventHandler, topicConsumer, TopicConsumerOptions } from '@custos/eventstore';

/**
 * A consumer of another service's topic (`from`, its `events`) into the requests' read models,
 * through the inbox (a redelivery changes nothing); `failure` is what the log says of an event
 * not applied. The refused accesses and resolved quarantines that travel on the same topic are
 * known, so not dead letters, and ignored here.
 */
export function upstreamTopicConsumer(
  options: TopicConsumerOptions,
  from: string,
  events: readonly EventDefinition[],
  handle: EventHandler,
  failure: string,
): EventConsumer {
  const registry = new EventRegistry().register(...events, accessDeniedDefinition(from), quarantineResolvedDefinition(from));
  return topicConsumer({ ...options, from, registry, handle, log: { context: 'Requests', failure } });
}

import { canonicalBytes, envelopeProblems, EventEnvelope } from '@custos/contracts';
import { alarmRefusedEvent, envelopeVerifier, EnvelopeVerifier, type IncomingMessage } from '@custos/eventstore';
import { LeafInput, Rejection } from '../domain/ledger-entry';

export type DecodedMessage =
  { readonly ok: true; readonly leaf: LeafInput } | { readonly ok: false; readonly rejection: Rejection };

function rejection(message: IncomingMessage, reason: string, eventId: string | null): DecodedMessage {
  return {
    ok: false,
    rejection: {
      source: `${message.topic}/${message.partition}@${message.offset}`,
      eventId,
      reason,
      raw: message.value,
    },
  };
}

/**
 * A bus message as a ledger leaf. The ledger takes events of every type, including types it
 * has never heard of, so only the envelope is checked (ARCHITECTURE.md), never the payload.
 * The entry is the message value itself, which the relay publishes as the RFC 8785 canonical
 * bytes of the envelope; a value that is not canonical could not be recomputed from the event
 * by anyone holding it, so it is refused rather than hashed. A forged, unsigned (when signatures
 * are required) or wrongly signed event is refused with its code (issue 16): never a leaf, so
 * never something the offline verifier would vouch for.
 */
export function decodeLedgerMessage(
  message: IncomingMessage,
  serviceOfTopic: string,
  verifier: EnvelopeVerifier = envelopeVerifier(),
): DecodedMessage {
  let raw: unknown;
  try {
    raw = JSON.parse(message.value.toString('utf8'));
  } catch {
    return rejection(message, 'not JSON', message.eventId);
  }
  const problems = envelopeProblems(raw);
  const claimedId = (raw as { id?: unknown } | null)?.id;
  const eventId = typeof claimedId === 'string' ? claimedId : message.eventId;
  if (problems.length > 0) return rejection(message, `malformed envelope: ${problems.join('; ')}`, eventId);
  const envelope = raw as EventEnvelope;
  if (envelope.service !== serviceOfTopic) {
    return rejection(message, `an event of service ${envelope.service} on the topic of ${serviceOfTopic}`, eventId);
  }
  if (!canonicalBytes(envelope).equals(message.value)) {
    return rejection(message, 'not the RFC 8785 canonical form of the envelope', eventId);
  }
  const signature = verifier.check(envelope);
  if (!signature.ok) {
    alarmRefusedEvent('ledger', `${message.topic}/${message.partition}@${message.offset}`, eventId, signature);
    return rejection(message, `${signature.code}: ${signature.reason}`, eventId);
  }
  return {
    ok: true,
    leaf: {
      eventId: envelope.id.toLowerCase(),
      service: envelope.service,
      sequence: envelope.sequence,
      aggregateId: envelope.aggregateId,
      type: envelope.type,
      entry: message.value,
    },
  };
}

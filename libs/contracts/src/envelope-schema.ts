const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const TYPE = /^[a-z][a-z-]*\.[A-Z][A-Za-z0-9]*$/;

/** Shape check of an envelope from the wire (ARCHITECTURE.md); empty when well-formed. */
export function envelopeProblems(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return ['not an object'];
  const e = raw as Record<string, unknown>;
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => ok || problems.push(what);
  need(typeof e.id === 'string' && UUID.test(e.id), 'id must be a UUID');
  need(typeof e.type === 'string' && TYPE.test(e.type), 'type must look like service.EventName');
  need(isPositiveInt(e.schemaVersion), 'schemaVersion must be a positive integer');
  need(typeof e.aggregateId === 'string' && e.aggregateId.length > 0 && e.aggregateId.length <= 200, 'aggregateId must be a non-empty string');
  need(isPositiveInt(e.aggregateVersion), 'aggregateVersion must be a positive integer');
  need(typeof e.occurredAt === 'string' && !Number.isNaN(Date.parse(e.occurredAt)), 'occurredAt must be an ISO instant');
  need(typeof e.actor === 'object' && e.actor !== null && typeof (e.actor as { subject?: unknown }).subject === 'string', 'actor.subject is required');
  need(typeof e.correlationId === 'string' && e.correlationId.length > 0, 'correlationId is required');
  need(e.causationId === null || typeof e.causationId === 'string', 'causationId must be a string or null');
  need(typeof e.payload === 'object' && e.payload !== null && !Array.isArray(e.payload), 'payload must be an object');
  need(isPositiveInt(e.sequence), 'sequence must be a positive integer');
  need(typeof e.service === 'string' && e.service.length > 0, 'service is required');
  return problems;
}

function isPositiveInt(v: unknown): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

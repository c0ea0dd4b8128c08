import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { EventEnvelope } from './envelope';
import { envelopeProblems } from './envelope-schema';

type PayloadClass = new () => object;
type Upcaster = (payload: Record<string, unknown>) => Record<string, unknown>;

export interface EventDefinition {
  /** `<service>.<PastTenseFact>`, never renamed once published. */
  readonly type: string;
  /** The current shape; older versions reach it through `upcasters`. */
  readonly schemaVersion: number;
  /** A class-validator class describing the current payload. */
  readonly payload: PayloadClass;
  /** `upcasters[v]` turns a version-v payload into version v+1. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}

export type DecodeResult =
  | { readonly ok: true; readonly event: EventEnvelope }
  | { readonly ok: false; readonly reason: string };

/**
 * Every event type a service knows, with its payload schema and upcasters. Decoding checks the
 * envelope, upcasts old versions and validates the payload, so a handler only ever sees a
 * current, well-formed event; anything else is a reason for the dead-letter table.
 */
export class EventRegistry {
  private readonly definitions = new Map<string, EventDefinition>();

  register(...definitions: EventDefinition[]): this {
    for (const d of definitions) {
      if (this.definitions.has(d.type)) throw new Error(`event type ${d.type} registered twice`);
      this.definitions.set(d.type, d);
    }
    return this;
  }

  has(type: string): boolean {
    return this.definitions.has(type);
  }

  get types(): string[] {
    return [...this.definitions.keys()];
  }

  /** Problems with a payload a handler is about to emit (empty when valid). */
  payloadProblems(type: string, payload: unknown): string[] {
    const definition = this.definitions.get(type);
    if (!definition) return [`unknown event type ${type}`];
    return validatePayload(definition.payload, payload);
  }

  /**
   * `payloadChecked`: the caller verified the envelope's signature by its service's pinned key,
   * so the payload is the one that service's event store validated against this contract before
   * storing it (every event is validated once, where it is appended); it is not validated again
   * unless it had to be upcast. Anything unsigned is outside data and validated here.
   */
  decode(raw: unknown, options: { readonly payloadChecked?: boolean } = {}): DecodeResult {
    const problems = envelopeProblems(raw);
    if (problems.length > 0) return { ok: false, reason: `malformed envelope: ${problems.join('; ')}` };
    const envelope = raw as EventEnvelope;
    const definition = this.definitions.get(envelope.type);
    if (!definition) return { ok: false, reason: `unknown event type ${envelope.type}` };
    if (envelope.schemaVersion > definition.schemaVersion) {
      return { ok: false, reason: `${envelope.type} schemaVersion ${envelope.schemaVersion} is newer than ${definition.schemaVersion}` };
    }
    let payload = envelope.payload as Record<string, unknown>;
    for (let v = envelope.schemaVersion; v < definition.schemaVersion; v++) {
      const upcast = definition.upcasters?.[v];
      if (!upcast) return { ok: false, reason: `${envelope.type} has no upcaster from schemaVersion ${v}` };
      payload = upcast(payload);
    }
    const payloadErrors = options.payloadChecked && envelope.schemaVersion === definition.schemaVersion ? [] : validatePayload(definition.payload, payload);
    if (payloadErrors.length > 0) return { ok: false, reason: `invalid ${envelope.type} payload: ${payloadErrors.join('; ')}` };
    return { ok: true, event: { ...envelope, schemaVersion: definition.schemaVersion, payload } };
  }
}

function validatePayload(payloadClass: PayloadClass, payload: unknown): string[] {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return ['payload must be an object'];
  const instance = plainToInstance(payloadClass, payload);
  return flatten(validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }));
}

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

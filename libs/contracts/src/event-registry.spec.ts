import { IsInt } from 'class-validator';
import { CanonicalSplice, canonicalJson } from './canonical-json';
import { EventRegistry } from './event-registry';

class Moved {
  @IsInt() metres!: number;
}

const registry = new EventRegistry().register({
  type: 'test.Moved',
  schemaVersion: 3,
  payload: Moved,
  upcasters: { 1: (p) => ({ km: p.kilometres }), 2: (p) => ({ metres: Number(p.km) * 1000 }) },
});

const envelope = (over: Record<string, unknown> = {}) => ({
  id: '0d9f8a52-6c8e-4b1e-9d3b-2f3c4a5b6c7d',
  type: 'test.Moved',
  schemaVersion: 3,
  aggregateId: 'a',
  aggregateVersion: 1,
  occurredAt: '2026-11-28T10:00:00.000Z',
  actor: { subject: 'u' },
  correlationId: 'c',
  causationId: null,
  payload: { metres: 5 },
  sequence: 1,
  service: 'test',
  ...over,
});

describe('EventRegistry', () => {
  it('accepts a current, well-formed event', () => {
    expect(registry.decode(envelope())).toEqual({ ok: true, event: envelope() });
  });

  it('upcasts an old schemaVersion step by step to the current shape', () => {
    const result = registry.decode(envelope({ schemaVersion: 1, payload: { kilometres: 2 } }));
    expect(result).toEqual({ ok: true, event: envelope({ payload: { metres: 2000 } }) });
  });

  it.each([
    ['an unknown type', { type: 'test.Flew' }, /^unknown event type test.Flew/],
    ['a future schemaVersion', { schemaVersion: 4 }, /newer than 3/],
    ['a payload of the wrong shape', { payload: { metres: 'far' } }, /^invalid test.Moved payload: metres/],
    ['an extra payload field', { payload: { metres: 1, secret: 1 } }, /secret/],
    ['a missing id', { id: undefined }, /id must be a UUID/],
    ['a zero sequence', { sequence: 0 }, /sequence must be a positive integer/],
    ['a bad type name', { type: 'Moved' }, /type must look like service.EventName/],
  ])('refuses %s with a reason', (_what, over, reason) => {
    const result = registry.decode(envelope(over));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it('validates a payload once: not again where a verified signature shows the producing store validated it', () => {
    // Unchecked, this payload is refused (above); a signed one was validated where it was appended.
    expect(registry.decode(envelope({ payload: { metres: 'far' } }), { payloadChecked: true }).ok).toBe(true);
  });

  it('validates an upcast payload even when its producer validated the old one', () => {
    const result = registry.decode(envelope({ schemaVersion: 1, payload: { kilometres: 'far' } }), { payloadChecked: true });
    expect(!result.ok && result.reason).toMatch(/^invalid test.Moved payload: metres/);
  });

  it('still refuses a malformed envelope or an unknown type when the payload was checked', () => {
    expect(registry.decode(envelope({ sequence: 0 }), { payloadChecked: true }).ok).toBe(false);
    expect(registry.decode(envelope({ type: 'test.Flew' }), { payloadChecked: true }).ok).toBe(false);
  });

  it('refuses to register a type twice', () => {
    expect(() => registry.register({ type: 'test.Moved', schemaVersion: 1, payload: Moved })).toThrow(/twice/);
  });
});

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys and normalises numbers so equal values give equal bytes', () => {
    expect(canonicalJson({ b: 1, a: [1e0, 'x', { d: null, c: true }] })).toBe('{"a":[1,"x",{"c":true,"d":null}],"b":1}');
    expect(canonicalJson({ n: 1e21, f: 0.1 })).toBe('{"f":0.1,"n":1e+21}');
  });
});

describe('CanonicalSplice', () => {
  it.each([
    ['members on both sides', { a: 1, z: [2], m: { y: 1, b: null } }],
    ['members below only', { a: 1, b: 'x' }],
    ['members above only', { t: 1, u: 'x' }],
    ['no other member', {}],
    ['the key itself, replaced', { m: 'old', a: 1 }],
    ['undefined members, left out as JSON does', { a: undefined, t: undefined, b: 1 }],
  ])('splices a value into, or leaves it out of, the canonical text of an object with %s', (_what, object) => {
    const splice = new CanonicalSplice(object, 'm');
    const { m: _m, ...without } = object as Record<string, unknown>;
    expect(splice.without()).toBe(canonicalJson(without));
    expect(splice.with({ k: 1, alg: 'x' })).toBe(canonicalJson({ ...object, m: { k: 1, alg: 'x' } }));
    const [head, tail] = splice.around();
    expect(head + '42' + tail).toBe(canonicalJson({ ...object, m: 42 }));
  });
});

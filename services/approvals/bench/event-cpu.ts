import { EventRegistry, REQUESTS_EVENTS } from '@custos/contracts';
import { EnvelopeSigner, EnvelopeVerifier, generateSigningKey } from '@custos/eventstore';
import { coSignedRequest } from '../src/testing/approvals-app';
import { WORLD } from '@custos/testing';

/** CPU of this process per call of `work`, in µs, after a warm-up (process.cpuUsage: robust on a loaded machine). */
function cpuMicros(work: () => void, times = 2000): number {
  for (let i = 0; i < times / 4; i++) work();
  const before = process.cpuUsage();
  for (let i = 0; i < times; i++) work();
  const { user, system } = process.cpuUsage(before);
  return (user + system) / times;
}

/**
 * What the event path costs a lifecycle's events on the CPU, without servers: signing one at the
 * relay, and a consumer's parsing, verifying and decoding of it, with its payload taken as
 * validated where it was appended, and validated again (as every consumer did before).
 */
export function eventPathCpu(): string {
  const registry = new EventRegistry().register(...REQUESTS_EVENTS);
  const signer = EnvelopeSigner.fromSetting('requests', generateSigningKey());
  const verifier = EnvelopeVerifier.fromSettings(signer.trustedKeyEntry, 'optional');
  const organ = WORLD.organisations.find((o) => o.id === 'station-yanta')!;
  const { events } = coSignedRequest({ requesterOrg: organ, kind: 'COPY', filer: 'station-yanta-a', coSigner: 'station-yanta-b' });
  const plain = events as unknown as Record<string, unknown>[];
  const consume = (wire: readonly Buffer[], revalidate: boolean) => () => {
    for (const bytes of wire) {
      const raw = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
      const signature = verifier.check(raw);
      if (!signature.ok || !registry.decode(raw, { payloadChecked: signature.signed && !revalidate }).ok) throw new Error('the lifecycle events do not decode');
    }
  };
  const perEvent = (micros: number) => `${(micros / events.length).toFixed(0)} µs`;
  const signed = plain.map((e) => signer.sign(e));
  return (
    `event path CPU per event (a filed and a co-signed request): sign at the relay ${perEvent(cpuMicros(() => plain.forEach((e) => signer.sign(e))))}, ` +
    `consume (parse, verify, decode) ${perEvent(cpuMicros(consume(signed, false)))}, ${perEvent(cpuMicros(consume(signed, true)))} when the payload is validated again (as before)`
  );
}

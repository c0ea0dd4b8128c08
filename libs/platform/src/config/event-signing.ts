import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { SERVICES } from '@custos/contracts';
import {
  EnvelopeSigner,
  generateSigningKey,
  parseTrustedKeys,
  signatureModeOf,
  trustEnvelopeKeys,
  useEnvelopeSigner,
} from '@custos/eventstore';
import { CommonConfig } from './common.config';
import { embeddedSecret } from './embedded-secret';

type EventSigningSettings = Pick<
  CommonConfig,
  'EVENT_SIGNING_KEY' | 'EVENT_TRUSTED_KEYS' | 'EVENT_SIGNATURES' | 'EVENT_KEYS_DIR' | 'EMBEDDED_MODE'
>;

/** Every service that publishes events; the embedded mode makes up and pins a key for each. */
const PUBLISHERS = [...SERVICES, 'oversight'];

const logger = new Logger('EventSignatures');

/**
 * Sets up, for this process, the signer of `service`'s relay and the keys its readers pin
 * (issue 16). The embedded mode makes up one key per service, keeps it under EVENT_KEYS_DIR
 * and pins them all; signatures stay `optional` there unless EVENT_SIGNATURES says otherwise
 * (so a test may still inject an unsigned event), but a forged or wrongly signed one is refused.
 * Outside it, a service without EVENT_SIGNING_KEY publishes unsigned events, with a warning,
 * which readers that require signatures refuse.
 */
export function configureEventSignatures(config: EventSigningSettings, service: string): void {
  const keyOf = (of: string) =>
    embeddedSecret({
      embedded: config.EMBEDDED_MODE,
      requiredMessage: 'EVENT_SIGNING_KEY is required when EMBEDDED_MODE=false',
      file: join(resolve(config.EVENT_KEYS_DIR), `event-signing-${of}.key`),
      generate: generateSigningKey,
    });
  const ownKey = config.EVENT_SIGNING_KEY.trim() || (config.EMBEDDED_MODE ? keyOf(service) : '');
  const signer = ownKey ? EnvelopeSigner.fromSetting(service, ownKey) : undefined;
  if (signer) useEnvelopeSigner(signer);
  else logger.warn({ code: 'CUSTOS_EVENT_SIGNING_KEY_MISSING', service, msg: 'EVENT_SIGNING_KEY is not set: events are published unsigned' });
  const pinned = parseTrustedKeys(config.EVENT_TRUSTED_KEYS);
  const embeddedKeys =
    config.EMBEDDED_MODE && pinned.length === 0
      ? [...PUBLISHERS.map((of) => EnvelopeSigner.fromSetting(of, keyOf(of))), ...(signer ? [signer] : [])].flatMap((s) =>
          parseTrustedKeys(s.trustedKeyEntry),
        )
      : [];
  trustEnvelopeKeys([...pinned, ...embeddedKeys], signatureModeOf(pinned.length > 0, config.EVENT_SIGNATURES));
}

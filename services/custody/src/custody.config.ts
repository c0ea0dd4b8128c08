import { ApprovalVerifierConfig, embeddedServiceUrl, IntSetting, serviceSettings, ServiceUrlSetting, Setting } from '@custos/platform';
import { DEFAULT_HAND_OVER_CONFIRM_MINUTES } from '@custos/domain';
import { IsBoolean, IsNotEmpty, IsString, ValidateBy, ValidateIf } from 'class-validator';
import { parseLinkKeys } from './shared/signed-link';

function validLinkKeys(spec: string): boolean {
  try {
    parseLinkKeys(spec);
    return true;
  } catch {
    return false;
  }
}

/** The custody service's settings: an approval verifier's, its port and database, and the storage it reads. */
export class CustodyConfig extends serviceSettings('custody', ApprovalVerifierConfig) {
  @ServiceUrlSetting('storage', 'segments and their bytes for viewing sessions, R18.1–R18.3; export packages for delivery, R18.5')
  STORAGE_URL: string = embeddedServiceUrl('storage');

  @IntSetting('Minutes the second receiving officer has to confirm a hand-over (R18.1)', { min: 1, max: 240 })
  HAND_OVER_CONFIRM_MINUTES: number = DEFAULT_HAND_OVER_CONFIRM_MINUTES;

  @Setting({
    description:
      'Policy beyond R18.1 (which asks for at least two officers, not the same two who signed): only the filer and the co-signer of a VIEW request may join its viewing session. `false` lets any qualified officer of the requesting organ join',
  })
  @IsBoolean()
  VIEWING_ONLY_SIGNERS: boolean = true;

  @IntSetting('Minutes a delivery link of a handed-over package stays valid (R18.5); at most 10', { min: 1, max: 10 })
  DELIVERY_LINK_MINUTES: number = 5;

  @IntSetting('Seconds a running delivery may go without a heartbeat before it is recorded as interrupted, ABANDONED (its process died, R16.6)', { min: 30, max: 3600 })
  DELIVERY_STALE_SECONDS: number = 60;

  @Setting({
    description:
      'Secret (at least 32 characters, the same on every replica) of the short-lived links a browser plays or downloads footage with (R18.4), or to rotate it `kid:secret,kid:secret`: the first signs new links, the others are still accepted until removed; the embedded mode generates one once and keeps it under CUSTODY_KEYS_DIR',
    secret: true,
  })
  @ValidateIf((config: CustodyConfig) => !config.EMBEDDED_MODE || config.CUSTODY_LINK_SECRET !== '')
  @IsNotEmpty({ message: 'CUSTODY_LINK_SECRET is required when EMBEDDED_MODE=false: the secret of playback and delivery links' })
  @ValidateBy({
    name: 'linkKeyRing',
    validator: { validate: (value) => typeof value === 'string' && validLinkKeys(value) },
  }, {
    message:
      'CUSTODY_LINK_SECRET must be one secret of at least 32 characters, or kid:secret,kid:secret (the first signs, the others are accepted until removed)',
  })
  CUSTODY_LINK_SECRET: string = '';

  @Setting({ description: 'Folder of the embedded mode keys (the generated link secret)' })
  @IsString()
  CUSTODY_KEYS_DIR: string = '.custos/embedded/keys';
}

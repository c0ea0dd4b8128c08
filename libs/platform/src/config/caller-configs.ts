import { LedgerUrlSetting } from '../service-clients/ledger-pinned-approval-trust';
import { CommonConfig } from './common.config';
import { embeddedServiceUrl } from './embedded-services';
import { ServiceUrlSetting } from './setting-decorators';

/**
 * The settings of a service that calls the registry (requests, approvals, custody, storage):
 * the common ones and where the registry answers.
 */
export class RegistryCallerConfig extends CommonConfig {
  @ServiceUrlSetting('registry', 'organisations and their heads, officers and their qualifications, cameras and their owners, the published event keys')
  REGISTRY_URL: string = embeddedServiceUrl('registry');
}

/**
 * The settings of a service that verifies approval documents (custody, storage; R18.5): where
 * the approvals service names the organs' keys, and the ledger that pins them when set.
 */
export class ApprovalVerifierConfig extends RegistryCallerConfig {
  @ServiceUrlSetting('approvals', "organs' approval keys and revoked approvals, R18.5")
  APPROVALS_URL: string = embeddedServiceUrl('approvals');

  @LedgerUrlSetting()
  LEDGER_URL: string = '';
}

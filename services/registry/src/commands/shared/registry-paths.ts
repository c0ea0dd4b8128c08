import { PathParams } from '@custos/platform';

/** The paths of the registry's commands on what is registered, each taken whole with `@Param() path`. */
export class OrganisationPath extends PathParams('organisationId') {}
export class HeadTermPath extends PathParams('organisationId', 'personId') {}
export class OfficerPath extends PathParams('officerId') {}
export class CredentialPath extends PathParams('officerId', 'credentialNumber') {}
export class OperatorPath extends PathParams('operatorId') {}
export class SystemPath extends PathParams('systemId') {}
export class FacilityChangePath extends PathParams('systemId', 'changeId') {}
export class SitePath extends PathParams('siteId') {}
export class EventKeyPath extends PathParams('service', 'kid') {}

import { PathParams } from '@custos/platform';

/*
 * The ids custody's routes name in their path, each route taking its own with `@Param() path`.
 * Any string passes, as before: an id custody does not hold is the command's coded 404.
 */

export class SessionPathDto extends PathParams('sessionId') {}

export class EvidenceItemPathDto extends PathParams('evidenceItemId') {}

export class TransferPathDto extends PathParams('evidenceItemId', 'transferId') {}

export class HandOverPathDto extends PathParams('evidenceItemId', 'handOverId') {}

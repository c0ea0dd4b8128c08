import { UuidPathParams } from '@custos/platform';

/** The path of a decision on one case (`approval-cases/:requestId/…`), taken whole with `@Param() path`. */
export class ApprovalCasePath extends UuidPathParams('requestId') {}

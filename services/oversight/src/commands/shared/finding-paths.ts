import { PathParams } from '@custos/platform';

/** The paths of the acts on a finding (`findings/:findingId/…`), each taken whole with `@Param() path`. */
export class FindingPath extends PathParams('findingId') {}
export class OrderPath extends PathParams('findingId', 'orderId') {}
export class ChallengePath extends PathParams('findingId', 'challengeId') {}

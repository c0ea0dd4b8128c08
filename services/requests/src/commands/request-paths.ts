import { UuidPathParams } from '@custos/platform';

/** The path of a command on one request (`requests/:id/…`), taken whole with `@Param() path`. */
export class RequestPath extends UuidPathParams('id') {}

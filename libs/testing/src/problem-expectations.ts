/**
 * The problem document of a path id that is no UUID v4: `ParseUUIDPipe`'s 400, whether the route
 * reads it with `UuidParam` or whole with `UuidPathParams`, and answered before the body is looked at.
 */
export function malformedUuidProblem(instance: string): Record<string, unknown> {
  return {
    type: 'urn:custos:problem:CUSTOS_BAD_REQUEST',
    title: 'Bad Request',
    status: 400,
    detail: 'Validation failed (uuid v 4 is expected)',
    instance,
    code: 'CUSTOS_BAD_REQUEST',
    correlationId: expect.any(String),
  };
}

import { RefusedCall, aggregateRefusalRecorder } from '@custos/platform';
import { REQUEST_STEP_REFUSED, requestRefusalsAggregateId, RequestStep, RequestStepRefused } from '@custos/contracts';
import { AccessRequestRepository } from '../database/access-request.repository';
import { REQUESTS_OPTIONS } from '../requests.tokens';

const FEE_FORBIDDEN = 'CUSTOS_R17_5_FEE_FORBIDDEN';

/**
 * Records a refused filing, co-signature, withdrawal or fee attempt: on the request's refusals stream, or
 * for a filing (which created no request) on the refusals stream of the organ the caller acted
 * for. The request itself is unchanged: the refused command rolled back. A refusal about a
 * request that does not exist is no step of any request (custody does the same).
 */
const requestRefusals = aggregateRefusalRecorder<RequestStep>({
  name: 'RequestRefusalInterceptor',
  metadataKey: 'requests.refusalStep',
  aggregates: AccessRequestRepository,
  options: REQUESTS_OPTIONS,
  param: 'id',
  eventType: REQUEST_STEP_REFUSED,
  refusal: ({ step, call, facts, principal, aggregateId: requestId }) => {
    // A fee refused under R17.5 is already on the request's own stream, as requests.FeeChargeRefused.
    if (facts.code === FEE_FORBIDDEN) return undefined;
    const payload: RequestStepRefused = { ...facts, step, ...(requestId ? { requestId } : filingAttempt(call.body)) };
    const stream = requestRefusalsAggregateId(
      requestId ? { requestId } : { filingOrganisationId: principal.organisationId },
    );
    return { stream, payload };
  },
});

export const RequestRefusalInterceptor = requestRefusals.Interceptor;

/** Marks a controller whose coded refusals are recorded as `requests.RequestStepRefused` (R26.1, R27.1). */
export const RecordsRequestRefusals = requestRefusals.Records;

/**
 * What a refused filing asked for; the body passed validation, so it is well-formed. Control
 * characters in camera ids are replaced: a NUL cannot be read back from Postgres JSON.
 */
function filingAttempt(body: RefusedCall['body']): Pick<RequestStepRefused, 'kind' | 'cameraIds'> {
  const cameraIds = (body?.cameraIds as string[]).map((id) => id.replace(/[\u0000-\u001f]/g, '\uFFFD'));
  return { kind: body?.kind as string, cameraIds };
}

import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Principal } from '@custos/auth';
import { RefusalFacts, REQUEST_STEP_REFUSED, requestRefusalsAggregateId, RequestStep, RequestStepRefused } from '@custos/contracts';
import { refusalStepDecorator, RefusalRecordingInterceptor, RefusedCall } from '@custos/platform';
import { AccessRequestRepository } from '../database/access-request.repository';
import { ResolvedRequestsOptions } from '../requests.options';
import { REQUESTS_OPTIONS } from '../requests.tokens';

const REQUEST_STEP = 'requests.refusalStep';
const FEE_FORBIDDEN = 'CUSTOS_R17_5_FEE_FORBIDDEN';

/** Marks a controller whose coded refusals are recorded as `requests.RequestStepRefused` (R26.1, R27.1). */
export const RecordsRequestRefusals = refusalStepDecorator<RequestStep>(REQUEST_STEP, () => RequestRefusalInterceptor);

/**
 * Records a refused filing, co-signature, withdrawal or fee attempt: on the request's refusals stream, or
 * for a filing (which created no request) on the refusals stream of the organ the caller acted
 * for. The request itself is unchanged: the refused command rolled back.
 */
@Injectable()
export class RequestRefusalInterceptor extends RefusalRecordingInterceptor<RequestStep> {
  constructor(
    reflector: Reflector,
    private readonly requests: AccessRequestRepository,
    @Inject(REQUESTS_OPTIONS) options: ResolvedRequestsOptions,
  ) {
    super(reflector, REQUEST_STEP, options.clock);
  }

  protected async record(step: RequestStep, call: RefusedCall, facts: RefusalFacts, principal: Principal): Promise<void> {
    // A fee refused under R17.5 is already on the request's own stream, as requests.FeeChargeRefused.
    if (facts.code === FEE_FORBIDDEN) return;
    const requestId = call.params?.id;
    // A refusal about a request that does not exist is no step of any request (custody does the same).
    if (requestId && (await this.requests.load(requestId)) === undefined) return;
    const payload: RequestStepRefused = { ...facts, step, ...(requestId ? { requestId } : filingAttempt(call.body)) };
    const stream = requestRefusalsAggregateId(requestId ? { requestId } : { filingOrganisationId: principal.organisationId });
    await this.appendRefusal(this.requests.store, stream, REQUEST_STEP_REFUSED, payload, principal);
  }
}

/**
 * What a refused filing asked for; the body passed validation, so it is well-formed. Control
 * characters in camera ids are replaced: a NUL cannot be read back from Postgres JSON.
 */
function filingAttempt(body: Record<string, unknown> | undefined): Pick<RequestStepRefused, 'kind' | 'cameraIds'> {
  const cameraIds = (body?.cameraIds as string[]).map((id) => id.replace(/[\u0000-\u001f]/g, '\uFFFD'));
  return { kind: body?.kind as string, cameraIds };
}

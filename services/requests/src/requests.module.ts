import { DynamicModule, Module, Provider } from '@nestjs/common';
import { Kernel, projectionRunnerProvider } from '@custos/eventstore';
import { fromKernel, portsServedBy, QuarantineHttpController, serviceClientProvider, serviceModuleKernel, serviceWorkerProviders } from '@custos/platform';
import { AttachFeeHandler } from './commands/attach-fee/attach-fee.handler';
import { AttachFeeHttpController } from './commands/attach-fee/attach-fee.http.controller';
import { CoSignRequestHandler } from './commands/co-sign-request/co-sign-request.handler';
import { CoSignRequestHttpController } from './commands/co-sign-request/co-sign-request.http.controller';
import { EscalateOverdueFulfilment } from './commands/escalate-overdue/escalate-overdue.service';
import { ExpireStaleRequests } from './commands/expire-stale/expire-stale.service';
import { FileRequestHandler } from './commands/file-request/file-request.handler';
import { FileRequestHttpController } from './commands/file-request/file-request.http.controller';
import { WithdrawRequestHandler } from './commands/withdraw-request/withdraw-request.handler';
import { WithdrawRequestHttpController } from './commands/withdraw-request/withdraw-request.http.controller';
import { approvalDecisionsConsumer } from './consumers/approval-decisions.consumer';
import { custodyViewingConsumer } from './consumers/custody-viewing.consumer';
import { storageExportsConsumer } from './consumers/storage-exports.consumer';
import { AccessRequestRepository, requestsEventRegistry } from './database/access-request.repository';
import { AccessRequests } from './domain/access-requests.port';
import { requestsProjection } from './database/requests.projection';
import { EscalationsHttpController } from './queries/escalations/escalations.http.controller';
import { FulfilmentQueueHttpController } from './queries/fulfilment-queue/fulfilment-queue.http.controller';
import { MyRequestsHttpController } from './queries/my-requests/my-requests.http.controller';
import { RequestTimelineHttpController } from './queries/timeline/request-timeline.http.controller';
import { HttpRequestsRegistryFacts } from './registry/http-registry-facts';
import { REQUESTS_REGISTRY_FACTS } from './registry/registry-facts.port';
import { RequestsModuleOptions, ResolvedRequestsOptions, resolveRequestsOptions } from './requests.options';
import { REQUESTS_OPTIONS } from './requests.tokens';
import { RequestRefusalInterceptor } from './shared/request-refusal.interceptor';
import { REQUESTS_MIGRATIONS } from './migrations';

const SERVICE = 'requests';

/** The officer-facing read model's runner: rebuilds it from the event log (after a schema change or a bug fix). */
export const RequestsReadModel = Symbol('RequestsReadModel');

/** The consumers (approvals, storage, custody) and the expiry and escalation timers, on the kernel. */
function requestsWorkers(options: ResolvedRequestsOptions): Provider[] {
  return serviceWorkerProviders({
    run: options.runWorkers,
    inject: [ExpireStaleRequests, EscalateOverdueFulfilment],
    workers: ({ pool, transport, topicPrefix }: Kernel, expiry: ExpireStaleRequests, escalation: EscalateOverdueFulfilment) => [
      approvalDecisionsConsumer({ name: options.consumerGroup, pool, transport, topicPrefix }),
      storageExportsConsumer({ name: `${options.consumerGroup}.storage-exports`, pool, transport, topicPrefix }),
      custodyViewingConsumer({ name: `${options.consumerGroup}.custody-viewing`, pool, transport, topicPrefix }),
      expiry,
      escalation,
    ],
  });
}

/**
 * The requests service (issue 5, Articles 17–18): file, co-sign, withdraw and expire access
 * requests; the officers' "my requests" and each owner's fulfilment queue. Needs the global
 * `AuthModule` (guards) and `configureApp` (validation, error bodies) of the application.
 */
@Module({})
export class RequestsModule {
  static forRoot(input: RequestsModuleOptions): DynamicModule {
    const options = resolveRequestsOptions(input);
    return {
      module: RequestsModule,
      imports: serviceModuleKernel(SERVICE, options, { registry: requestsEventRegistry(), migrations: REQUESTS_MIGRATIONS }),
      controllers: [
        MyRequestsHttpController,
        RequestTimelineHttpController,
        FileRequestHttpController,
        CoSignRequestHttpController,
        WithdrawRequestHttpController,
        AttachFeeHttpController,
        FulfilmentQueueHttpController,
        EscalationsHttpController,
        QuarantineHttpController,
      ],
      providers: [
        { provide: REQUESTS_OPTIONS, useValue: options },
        serviceClientProvider(REQUESTS_REGISTRY_FACTS, options.registry, (http) => new HttpRequestsRegistryFacts(http)),
        fromKernel(AccessRequestRepository, (pool, store) => new AccessRequestRepository(pool, store)),
        ...portsServedBy(AccessRequestRepository, AccessRequests),
        projectionRunnerProvider(RequestsReadModel, requestsProjection),
        FileRequestHandler,
        CoSignRequestHandler,
        WithdrawRequestHandler,
        AttachFeeHandler,
        ExpireStaleRequests,
        EscalateOverdueFulfilment,
        RequestRefusalInterceptor,
        ...requestsWorkers(options),
      ],
      exports: [ExpireStaleRequests, EscalateOverdueFulfilment, RequestsReadModel],
    };
  }
}

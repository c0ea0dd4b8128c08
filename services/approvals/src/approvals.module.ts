import { DynamicModule, Module, Provider } from '@nestjs/common';
import { Kernel, projectionRunnerProvider } from '@custos/eventstore';
import { fromKernel, portsServedBy, QuarantineHttpController, serviceClientProvider, serviceModuleKernel, serviceWorkerProviders } from '@custos/platform';
import { Pool } from 'pg';
import { ResolvedApprovalsOptions, ApprovalsModuleOptions, resolveApprovalsOptions } from './approvals.options';
import { APPROVALS_OPTIONS, APPROVALS_POOL } from './approvals.tokens';
import { ApproveRequestHandler } from './commands/approve-request/approve-request.handler';
import { ApproveRequestHttpController } from './commands/approve-request/approve-request.http.controller';
import { DenyRequestHandler } from './commands/deny-request/deny-request.handler';
import { DecisionRefusalInterceptor } from './shared/decision-refusal.interceptor';
import { DenyRequestHttpController } from './commands/deny-request/deny-request.http.controller';
import { RevokeDocumentHandler } from './commands/revoke-document/revoke-document.handler';
import { RevokeDocumentHttpController } from './commands/revoke-document/revoke-document.http.controller';
import { requestEventsConsumer } from './consumers/request-events.consumer';
import { ApprovalCaseRepository, approvalsEventRegistry } from './database/approval-case.repository';
import { approvalsProjection } from './database/approvals.projection';
import { DocumentNumbers, SigningKeys } from './database/signing-keys';
import { ApprovalCases } from './domain/approval-cases.port';
import { ApprovalDocumentNumbers, ApprovalSigningKeys } from './domain/approval-signing.port';
import { ApprovalDocumentsHttpController } from './queries/approval-documents/approval-documents.http.controller';
import { DocumentVerificationHttpController } from './queries/document-verification/document-verification.http.controller';
import { ApprovalQueueHttpController } from './queries/approval-queue/approval-queue.http.controller';
import { ApprovalQueue } from './queries/approval-queue/approval-queue.query';
import { HttpApprovalsRegistryFacts } from './registry/http-registry-facts';
import { APPROVALS_REGISTRY_FACTS, ApprovalsRegistryFacts } from './registry/registry-facts.port';
import { APPROVALS_MIGRATIONS } from './migrations';
import { ApprovalDocumentRegister } from './queries/approval-documents/approval-document-register.query';

const SERVICE = 'approvals';

/** The runner of the approver queue and document register: rebuilds them from the event log. */
export const ApprovalsReadModel = Symbol('ApprovalsReadModel');

/** The consumer of the requests service's events, on the kernel. */
function approvalsWorkers(options: ResolvedApprovalsOptions): Provider[] {
  return serviceWorkerProviders({
    run: options.runWorkers,
    inject: [ApprovalCaseRepository],
    workers: ({ pool, transport, topicPrefix }: Kernel, cases: ApprovalCaseRepository) => [
      requestEventsConsumer({ name: options.consumerGroup, pool, transport, topicPrefix, cases, rulePacks: options.rulePacks }),
    ],
  });
}

/**
 * The approvals service (issue 5, R17.2–R17.4, R18.5, R27.1): approval cases opened from
 * co-signed requests, the approver queue, approve/deny/revoke, signed approval documents with
 * per-organ keys, public keys, revocation lists and verification. Needs the application's
 * global `AuthModule` and `configureApp`.
 */
@Module({})
export class ApprovalsModule {
  static forRoot(input: ApprovalsModuleOptions): DynamicModule {
    const options = resolveApprovalsOptions(input);
    return {
      module: ApprovalsModule,
      imports: serviceModuleKernel(SERVICE, options, { registry: approvalsEventRegistry(), migrations: APPROVALS_MIGRATIONS }),
      controllers: [
        ApprovalQueueHttpController,
        ApproveRequestHttpController,
        DenyRequestHttpController,
        RevokeDocumentHttpController,
        ApprovalDocumentsHttpController,
        DocumentVerificationHttpController,
        QuarantineHttpController,
      ],
      providers: [
        { provide: APPROVALS_OPTIONS, useValue: options },
        serviceClientProvider(APPROVALS_REGISTRY_FACTS, options.registry, (http) => new HttpApprovalsRegistryFacts(http)),
        fromKernel(ApprovalCaseRepository, (pool, store) => new ApprovalCaseRepository(pool, store)),
        projectionRunnerProvider(ApprovalsReadModel, approvalsProjection),
        // Every stored key is checked against its private key before the service answers (issue 16).
        fromKernel(SigningKeys, async (pool, store) => {
          const keys = new SigningKeys(pool, options.keyEncryptionSecret, store);
          await keys.checkAll();
          return keys;
        }),
        {
          provide: ApprovalQueue,
          useFactory: (pool: Pool, facts: ApprovalsRegistryFacts) => new ApprovalQueue(pool, facts),
          inject: [APPROVALS_POOL, APPROVALS_REGISTRY_FACTS],
        },
        ...portsServedBy(ApprovalCaseRepository, ApprovalCases),
        ...portsServedBy(SigningKeys, ApprovalSigningKeys),
        { provide: ApprovalDocumentNumbers, useClass: DocumentNumbers },
        ApproveRequestHandler,
        DenyRequestHandler,
        DecisionRefusalInterceptor,
        RevokeDocumentHandler,
        ...approvalsWorkers(options),
        { provide: ApprovalDocumentRegister, useFactory: (pool: Pool) => new ApprovalDocumentRegister(pool), inject: [APPROVALS_POOL] },
      ],
      exports: [ApprovalsReadModel, ApprovalQueue],
    };
  }
}

import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStore } from '@custos/eventstore';
import { portsServedBy, QUARANTINE_READERS, QuarantineHttpController } from '@custos/platform';
import { AppointHeadHandler } from './commands/appoint-head/appoint-head.handler';
import { AppointHeadHttpController } from './commands/appoint-head/appoint-head.http.controller';
import { ChangeQualificationStatusHandler } from './commands/change-qualification-status/change-qualification-status.handler';
import { ChangeQualificationStatusHttpController } from './commands/change-qualification-status/change-qualification-status.http.controller';
import { EndHeadTermHandler } from './commands/end-head-term/end-head-term.handler';
import { EndHeadTermHttpController } from './commands/end-head-term/end-head-term.http.controller';
import { IssueQualificationHandler } from './commands/issue-qualification/issue-qualification.handler';
import { IssueQualificationHttpController } from './commands/issue-qualification/issue-qualification.http.controller';
import { RegisterCameraHandler } from './commands/register-camera/register-camera.handler';
import { RegisterCameraHttpController } from './commands/register-camera/register-camera.http.controller';
import { RegisterImageSystemHandler } from './commands/register-image-system/register-image-system.handler';
import { RegisterImageSystemHttpController } from './commands/register-image-system/register-image-system.http.controller';
import { RegisterOfficerHandler } from './commands/register-officer/register-officer.handler';
import { RegisterOfficerHttpController } from './commands/register-officer/register-officer.http.controller';
import { RegisterOrganisationHandler } from './commands/register-organisation/register-organisation.handler';
import { RegisterOrganisationHttpController } from './commands/register-organisation/register-organisation.http.controller';
import { RecordOperatorTrainingHandler } from './commands/record-operator-training/record-operator-training.handler';
import { RecordOperatorTrainingHttpController } from './commands/record-operator-training/record-operator-training.http.controller';
import { RegisterOperatorHandler } from './commands/register-operator/register-operator.handler';
import { RegisterOperatorHttpController } from './commands/register-operator/register-operator.http.controller';
import { ReportFacilityChangeHandler } from './commands/report-facility-change/report-facility-change.handler';
import { ReportFacilityChangeHttpController } from './commands/report-facility-change/report-facility-change.http.controller';
import { SetRetentionHandler } from './commands/set-retention/set-retention.handler';
import { SetRetentionHttpController } from './commands/set-retention/set-retention.http.controller';
import { AcknowledgeFacilityChangeHandler } from './commands/acknowledge-facility-change/acknowledge-facility-change.handler';
import { AcknowledgeFacilityChangeHttpController } from './commands/acknowledge-facility-change/acknowledge-facility-change.http.controller';
import { EventStoreAccessDenialRecorder } from './database/event-store-access-denial.recorder';
import { registryEventStore } from './database/registry.event-store';
import { OfficersHttpController } from './queries/officers/officers.http.controller';
import { OperatorsHttpController } from './queries/operators/operators.http.controller';
import { RegisterEventKeyHandler } from './commands/register-event-key/register-event-key.handler';
import { RegisterEventKeyHttpController } from './commands/register-event-key/register-event-key.http.controller';
import { RevokeEventKeyHandler } from './commands/revoke-event-key/revoke-event-key.handler';
import { EventKeyStreams } from './commands/shared/event-key-stream';
import { RevokeEventKeyHttpController } from './commands/revoke-event-key/revoke-event-key.http.controller';
import { EventKeysHttpController } from './queries/event-keys/event-keys.http.controller';
import { OrganisationsHttpController } from './queries/organisations/organisations.http.controller';
import { SystemsHttpController } from './queries/systems/systems.http.controller';
import { REGISTRY_EVENT_STORE, REGISTRY_OPTIONS } from './registry.tokens';
import type { RegistryModuleOptions } from './registry.options';
import { RegistryRepository } from './database/registry.repository';
import { DirectoryHttpController } from './queries/directory/directory.http.controller';
import { SupervisionHttpController } from './queries/supervision/supervision.http.controller';
import { RegisterMandatorySiteHandler } from './commands/register-mandatory-site/register-mandatory-site.handler';
import { RegisterMandatorySiteHttpController } from './commands/register-mandatory-site/register-mandatory-site.http.controller';
import { RecordSiteCoverageHandler } from './commands/record-site-coverage/record-site-coverage.handler';
import { RecordSiteCoverageHttpController } from './commands/record-site-coverage/record-site-coverage.http.controller';
import { RecordSignageEvidenceHandler } from './commands/record-signage-evidence/record-signage-evidence.handler';
import { RecordSignageEvidenceHttpController } from './commands/record-signage-evidence/record-signage-evidence.http.controller';
import { RegistryDemoSeeder } from './seed/registry-demo.seeder';
import { assertSchemaMigrated } from '@custos/migrations';
import { REGISTRY_MIGRATIONS } from './migrations';
import { REGISTRY_CLOCK, REGISTRY_RULE_PACKS, RegistryAggregates, RegistryPlaces } from './commands/shared/registry-aggregates';
import { RegistryReadModel } from './queries/shared/registry-read-model';

export { REGISTRY_EVENT_STORE, REGISTRY_OPTIONS } from './registry.tokens';
export { RegistryRepository } from './database/registry.repository';
export type { RegistryModuleOptions } from './registry.options';

/** Checks that the registry's database is migrated, and catches the lists up, at start. */
class RegistrySchema implements OnModuleInit {
  constructor(@Inject(RegistryRepository) private readonly registry: RegistryRepository) {}

  async onModuleInit(): Promise<void> {
    await assertSchemaMigrated(this.registry.pool, 'registry', REGISTRY_MIGRATIONS);
    await this.registry.lists.catchUp();
    await this.registry.supervision.catchUp();
  }
}

/**
 * The registry's bounded context: organisations, heads, officers and qualifications, image
 * systems and cameras, owners' operators and their training (R2.1, R5.1, R7, R8.1, R11.1, R15.1, R16.2, R17.2–R17.4, R18.2).
 * Needs AuthModule in the application (the routes use its guards and principal).
 */
@Module({})
export class RegistryModule {
  static forRoot(options: RegistryModuleOptions): DynamicModule {
    return {
      module: RegistryModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        RegisterOrganisationHttpController,
        AppointHeadHttpController,
        EndHeadTermHttpController,
        RegisterOfficerHttpController,
        IssueQualificationHttpController,
        ChangeQualificationStatusHttpController,
        RegisterImageSystemHttpController,
        RegisterCameraHttpController,
        ReportFacilityChangeHttpController,
        AcknowledgeFacilityChangeHttpController,
        SetRetentionHttpController,
        OrganisationsHttpController,
        OfficersHttpController,
        SystemsHttpController,
        RegisterOperatorHttpController,
        RecordOperatorTrainingHttpController,
        OperatorsHttpController,
        QuarantineHttpController,
        DirectoryHttpController,
        RegisterMandatorySiteHttpController,
        RecordSiteCoverageHttpController,
        RecordSignageEvidenceHttpController,
        SupervisionHttpController,
        RegisterEventKeyHttpController,
        RevokeEventKeyHttpController,
        EventKeysHttpController,
      ],
      providers: [
        { provide: REGISTRY_OPTIONS, useValue: options },
        { provide: REGISTRY_EVENT_STORE, useFactory: () => registryEventStore(options.pool) },
        {
          provide: RegistryRepository,
          useFactory: (store: EventStore) => new RegistryRepository(options.pool, store, options.clock, options.rulePacks),
          inject: [REGISTRY_EVENT_STORE],
        },
        { provide: QUARANTINE_READERS, useFactory: (registry: RegistryRepository) => ({ readers: () => [registry.lists, registry.supervision] }), inject: [RegistryRepository] },
        RegistrySchema,
        RegistryDemoSeeder,
        RegisterOrganisationHandler,
        AppointHeadHandler,
        EndHeadTermHandler,
        RegisterOfficerHandler,
        IssueQualificationHandler,
        ChangeQualificationStatusHandler,
        RegisterImageSystemHandler,
        RegisterCameraHandler,
        ReportFacilityChangeHandler,
        RegisterOperatorHandler,
        RecordOperatorTrainingHandler,
        AcknowledgeFacilityChangeHandler,
        SetRetentionHandler,
        RegisterMandatorySiteHandler,
        RecordSiteCoverageHandler,
        RecordSignageEvidenceHandler,
        RegisterEventKeyHandler,
        RevokeEventKeyHandler,
        EventKeyStreams,
        ...portsServedBy(RegistryRepository, RegistryAggregates, RegistryPlaces, RegistryReadModel),
        { provide: REGISTRY_CLOCK, useFactory: (registry: RegistryRepository) => registry.now, inject: [RegistryRepository] },
        { provide: REGISTRY_RULE_PACKS, useFactory: (registry: RegistryRepository) => registry.rulePacks, inject: [RegistryRepository] },
      ],
      exports: [REGISTRY_EVENT_STORE, RegistryRepository, RegistryDemoSeeder],
    };
  }
}

/** The recorder to bind in AuthModule: the registry's denials go to its own event log. */
export function registryAccessDenialRecorder(store: EventStore): EventStoreAccessDenialRecorder {
  return new EventStoreAccessDenialRecorder(store);
}

import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Principal } from '@custos/auth';
import { AppointHeadCommand } from '../commands/appoint-head/appoint-head.command';
import { ChangeQualificationStatusCommand } from '../commands/change-qualification-status/change-qualification-status.command';
import { EndHeadTermCommand } from '../commands/end-head-term/end-head-term.command';
import { IssueQualificationCommand } from '../commands/issue-qualification/issue-qualification.command';
import { RegisterCameraCommand } from '../commands/register-camera/register-camera.command';
import { RegisterImageSystemCommand } from '../commands/register-image-system/register-image-system.command';
import { RegisterOfficerCommand } from '../commands/register-officer/register-officer.command';
import { RecordOperatorTrainingCommand } from '../commands/record-operator-training/record-operator-training.command';
import { RegisterOperatorCommand } from '../commands/register-operator/register-operator.command';
import { RegisterOrganisationCommand } from '../commands/register-organisation/register-organisation.command';
import { RegistryRepository } from '../database/registry.repository';
import type { RegistryAggregateKinds } from '../commands/shared/registry-aggregates';
import { DEMO_OFFICERS, DEMO_OPERATORS, DEMO_ORGANISATIONS, DEMO_REFUSED_CAMERA, DEMO_SYSTEMS } from './registry-demo.data';

/** The seeding actor: the provincial registry administration, acting as a service. */
export const SEED_PRINCIPAL: Principal = {
  subject: 'seed:registry',
  personId: 'person-admin-shaanxi',
  organisationId: 'org-psb-shaanxi',
  organisationType: 'PUBLIC_SECURITY',
  divisionCode: '610000',
  roles: ['REGISTRY_ADMIN', 'SERVICE'],
};

/**
 * Fills the registry with the demo data through the same commands as the API, so each step is
 * an event like any other. Idempotent: what exists already is skipped, so a restart adds nothing.
 */
/** The demo's terms and credentials began before the installation: the record says so (issue 16). */
const DEMO_BACKDATING_REASON = 'demo data: a term or credential that began before this installation';

@Injectable()
export class RegistryDemoSeeder {
  constructor(
    private readonly commands: CommandBus,
    private readonly registry: RegistryRepository,
  ) {}

  /** The aggregate, registered through its command first when it is not yet: seeding twice appends nothing. */
  private async registered<K extends keyof RegistryAggregateKinds>(kind: K, id: string, register: () => object): Promise<RegistryAggregateKinds[K]> {
    if (!(await this.registry.exists(kind, id))) await this.commands.execute(register());
    return this.registry.load(kind, id);
  }

  async seed(): Promise<void> {
    const p = SEED_PRINCIPAL;
    for (const o of DEMO_ORGANISATIONS) {
      const { id, heads: _heads, ...props } = o;
      const organisation = await this.registered('organisation', id, () => new RegisterOrganisationCommand(p, id, props));
      for (const head of o.heads) {
        const term = organisation.headTerms.find((t) => t.personId === head.personId);
        if (!term) await this.commands.execute(new AppointHeadCommand(p, o.id, head.personId, new Date(head.from), head.name, DEMO_BACKDATING_REASON));
        if (head.to && !term?.to) await this.commands.execute(new EndHeadTermCommand(p, o.id, head.personId, new Date(head.to)));
      }
    }
    for (const o of DEMO_OFFICERS) {
      const officer = await this.registered('officer', o.id, () => new RegisterOfficerCommand(p, o.id, o.personId, o.organisationId, o.name));
      const credential = officer.qualifications.find((q) => q.credentialNumber === o.credentialNumber);
      if (!credential) {
        await this.commands.execute(
          new IssueQualificationCommand(p, o.id, o.credentialNumber, new Date(o.issuedAt), new Date(o.expiresAt), DEMO_BACKDATING_REASON),
        );
      }
      const suspended = credential?.statusHistory.some((s) => s.status === 'SUSPENDED');
      if (o.suspendedSince && !suspended) {
        await this.commands.execute(
          new ChangeQualificationStatusCommand(p, o.id, o.credentialNumber, 'SUSPENDED', new Date(o.suspendedSince), 'demo: disciplinary suspension'),
        );
      }
    }
    for (const o of DEMO_OPERATORS) {
      const operator = await this.registered('operator', o.id, () => new RegisterOperatorCommand(p, o.id, o.personId, o.organisationId, o.name));
      for (const [index, training] of o.trainings.entries()) {
        const trainingId = `${o.id}-training-${index + 1}`;
        if (!operator.trainings.some((t) => t.trainingId === trainingId)) {
          await this.commands.execute(new RecordOperatorTrainingCommand(p, o.id, trainingId, training));
        }
      }
    }
    for (const s of DEMO_SYSTEMS) {
      const { id, cameras: _cameras, ...props } = s;
      const system = await this.registered('system', id, () => new RegisterImageSystemCommand(p, id, props));
      for (const c of s.cameras) {
        if (!system.cameras.has(c.id)) {
          await this.commands.execute(new RegisterCameraCommand(p, s.id, c.id, c.name, c.locationCategory, c.location));
        }
      }
    }
    const hotel = await this.registry.system(DEMO_REFUSED_CAMERA.systemId);
    if (!hotel.refusedCameraIds.has(DEMO_REFUSED_CAMERA.id)) {
      const { systemId, id, name, locationCategory, location } = DEMO_REFUSED_CAMERA;
      await this.commands
        .execute(new RegisterCameraCommand(p, systemId, id, name, locationCategory, location))
        .then(
          () => {
            throw new Error('the demo hotel-room camera was registered: R8.1 is not enforced');
          },
          (refused: { response?: { code?: string } }) => {
            if (refused.response?.code !== 'CUSTOS_R8_1_FORBIDDEN_CAMERA_LOCATION') throw refused;
          },
        );
    }
  }
}

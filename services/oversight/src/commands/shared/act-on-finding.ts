import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@custos/auth';
import { ActingOfficial } from '@custos/contracts';
import { DomainError, Result } from '@custos/domain';
import { orRefuse } from '@custos/platform';
import { assertMayAct } from '../../access/oversight-access';
import { FindingAggregate } from '../../domain/finding.aggregate';
import { Findings, OVERSIGHT_CLOCK } from './findings.port';
import { officialOf } from './request-rules';

/** A command on a finding: who sends it, and the finding. */
export interface FindingCommand {
  readonly principal: Principal;
  readonly findingId: string;
}

/** Who records an act and when: the caller as the token says, at the service's clock. */
export interface ActStamp {
  readonly by: ActingOfficial;
  readonly at: string;
}

/**
 * The shape of every act performed on a finding (R19.1, R22.1–R25.1): the finding loaded, the
 * caller checked as a competent organ over where it stands, the domain's decision taken (a
 * refusal changes nothing) and saved with the read model in step. A handler states only what
 * its act decides and, where the party may act too (R26.1), who may perform it.
 */
@Injectable()
export abstract class FindingActHandler<C extends FindingCommand, T> {
  constructor(
    private readonly findings: Findings,
    @Inject(OVERSIGHT_CLOCK) private readonly now: () => Date,
  ) {}

  async execute(command: C): Promise<T> {
    const { principal, findingId } = command;
    const finding = await this.findings.finding(findingId);
    this.authorise(principal, await this.findings.divisionOf(finding.raised!.subject), finding, command);
    const decided = orRefuse(this.decide(finding, command, { by: officialOf(principal), at: this.now().toISOString() }));
    await this.findings.save(finding, principal);
    return decided;
  }

  /** The domain's decision on the finding, stamped with who records it and when. */
  protected abstract decide(finding: FindingAggregate, command: C, stamp: ActStamp): Result<T, DomainError>;

  /** Only a competent public security organ over where the finding stands (R19.1), unless a handler says otherwise. */
  protected authorise(principal: Principal, divisionCode: string | undefined, _finding: FindingAggregate, _command: C): void {
    assertMayAct(principal, divisionCode);
  }
}

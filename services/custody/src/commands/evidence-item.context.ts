import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@custos/auth';
import { Result } from '@custos/domain';
import { CommandContext, retryOnConflict } from '@custos/eventstore';
import { EvidenceItemRepository } from '../database/evidence-item.repository';
import { custodyErrors } from '../domain/custody.errors';
import { EvidenceItem } from '../domain/evidence-item.aggregate';
import { OfficerDirectory } from '../domain/officer-directory.port';
import { CheckedOfficer, qualifiedOfficerOf } from '../shared/officer-check';
import { commandContextOf, orRefuse, refuse } from '../shared/refusal';
import { Clock, CUSTODY_CLOCK, OFFICER_DIRECTORY } from '../custody.tokens';

/**
 * What every custody command does around its decision: load the item (404 when unknown),
 * check the calling officer (R18.2) at "now", let the aggregate decide, and save only an
 * accepted decision: a refusal saves nothing.
 */
@Injectable()
export class EvidenceItemCommands {
  constructor(
    readonly items: EvidenceItemRepository,
    @Inject(OFFICER_DIRECTORY) readonly officers: OfficerDirectory,
    @Inject(CUSTODY_CLOCK) readonly clock: Clock,
  ) {}

  async load(evidenceItemId: string): Promise<EvidenceItem> {
    const item = await this.items.load(evidenceItemId);
    if (item === undefined) refuse(custodyErrors.evidenceItemNotFound(evidenceItemId));
    return item;
  }

  officer(principal: Principal, at: Date): Promise<CheckedOfficer> {
    return qualifiedOfficerOf(this.officers, principal, at);
  }

  /**
   * Runs the decision on a freshly loaded item and saves it; the decision's refusal is answered
   * as is. A concurrent write (a delivery registering its end, another officer) makes it decide
   * again on the new state.
   */
  async decide<T>(
    principal: Principal,
    evidenceItemId: string,
    decision: (item: EvidenceItem, officer: CheckedOfficer, now: Date) => Result<T> | Promise<Result<T>>,
    context: CommandContext = commandContextOf(principal),
  ): Promise<{ item: EvidenceItem; value: T }> {
    return retryOnConflict(async () => {
      const item = await this.load(evidenceItemId);
      const now = this.clock();
      const officer = await this.officer(principal, now);
      const value = orRefuse(await decision(item, officer, now));
      await this.items.save(item, context);
      return { item, value };
    });
  }
}

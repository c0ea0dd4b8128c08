import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@custos/auth';
import { err, ok, Result } from '@custos/domain';
import { CommandContext, retryOnConflict } from '@custos/eventstore';
import { custodyErrors } from '../domain/custody.errors';
import { EvidenceItem } from '../domain/evidence-item.aggregate';
import { EvidenceItems } from '../domain/evidence-items.port';
import { OfficerDirectory } from '../domain/officer-directory.port';
import { CheckedOfficer, checkedOfficerOf } from './officer-check';
import { Clock, CUSTODY_CLOCK, OFFICER_DIRECTORY } from '../custody.tokens';
import { commandContextOf } from './command-context';

/** An item as a command finds it: the calling officer checked at `now` (R18.2). */
export interface ItemAtHand {
  readonly item: EvidenceItem;
  readonly officer: CheckedOfficer;
  readonly now: Date;
}

export type ItemDecision<T> = (item: EvidenceItem, officer: CheckedOfficer, now: Date) => Result<T> | Promise<Result<T>>;

/**
 * The unit of work of every command on an evidence item: load it (unknown is a refusal), check
 * the calling officer (R18.2) at "now", let the decision run, and save only an accepted one: a
 * refusal saves nothing. A concurrent write (a delivery registering its end, another officer)
 * makes it decide again on the new state.
 */
@Injectable()
export class EvidenceItemDecision {
  constructor(
    private readonly items: EvidenceItems,
    @Inject(OFFICER_DIRECTORY) private readonly officers: OfficerDirectory,
    @Inject(CUSTODY_CLOCK) private readonly clock: Clock,
  ) {}

  async atHand(principal: Principal, evidenceItemId: string): Promise<Result<ItemAtHand>> {
    const item = await this.items.load(evidenceItemId);
    if (item === undefined) return err(custodyErrors.evidenceItemNotFound(evidenceItemId));
    const now = this.clock();
    const officer = await checkedOfficerOf(this.officers, principal, now);
    if (!officer.ok) return officer;
    return ok({ item, officer: officer.value, now });
  }

  /** The item at hand if `allowed` says the calling officer may act on it now, with what it answered; a refusal otherwise. Nothing is saved. */
  async allowedAtHand<T>(principal: Principal, evidenceItemId: string, allowed: (item: EvidenceItem, officer: CheckedOfficer) => Result<T>): Promise<Result<ItemAtHand & { allowed: T }>> {
    const found = await this.atHand(principal, evidenceItemId);
    if (!found.ok) return found;
    const may = allowed(found.value.item, found.value.officer);
    return may.ok ? ok({ ...found.value, allowed: may.value }) : may;
  }

  decide<T>(principal: Principal, evidenceItemId: string, decision: ItemDecision<T>, context: CommandContext = commandContextOf(principal)): Promise<Result<{ item: EvidenceItem; value: T }>> {
    return retryOnConflict(async () => {
      const found = await this.atHand(principal, evidenceItemId);
      if (!found.ok) return found;
      const { item, officer, now } = found.value;
      const decided = await decision(item, officer, now);
      if (!decided.ok) return decided;
      await this.items.save(item, context);
      return ok({ item, value: decided.value });
    });
  }
}

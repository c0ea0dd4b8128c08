import type { Principal } from '@custos/auth';
import type { EventEnvelope, OversightSubject } from '@custos/contracts';
import { domainErrorOf } from '@custos/domain';
import type { AppendRequest } from '@custos/eventstore';
import { refuse } from '@custos/platform';
import { FindingAggregate } from '../../domain/finding.aggregate';

/**
 * The findings and where their subjects stand, a port the database implements. What a
 * command appends commits with the read model brought up to it, so its answer reads its own
 * writes. The use cases refuse what is missing; the database only finds.
 */
export abstract class Findings {
  abstract find(findingId: string): Promise<FindingAggregate | undefined>;
  /** Saves what the finding decided, the read model in step. */
  abstract save(finding: FindingAggregate, principal: Principal): Promise<EventEnvelope[]>;
  /** Appends new streams' events (an inspection and the findings it raises), the read model in step. */
  abstract record(requests: readonly AppendRequest[]): Promise<void>;
  /**
   * Where a subject stands (R5.1): the division it was recorded with, else its system's or its
   * owner's as the registry's events said; undefined when no event placed it yet.
   */
  abstract divisionOf(subject: OversightSubject): Promise<string | undefined>;
  /** The owner of a system, as the registry's events said. */
  abstract ownerOf(imageSystemId: string): Promise<string | undefined>;

  /** A raised finding, or the refusal that it is not known. */
  async finding(findingId: string): Promise<FindingAggregate> {
    const found = await this.find(findingId);
    if (!found?.raised) refuse(domainErrorOf('CUSTOS_OVERSIGHT_ACT_NOT_FOUND', { findingId }));
    return found;
  }
}

/** The clock that stamps acts; tests pass a fixed one. */
export const OVERSIGHT_CLOCK = Symbol('OVERSIGHT_CLOCK');

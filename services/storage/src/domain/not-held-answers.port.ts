import type { FootageNotHeld } from '@custos/contracts';
import type { AppendRequest } from '@custos/eventstore';

/** The owners' "not held" answers (R16.7), a port the database implements. */
export abstract class NotHeldAnswers {
  /** Keeps the answer with its event, together or not at all. */
  abstract record(answer: FootageNotHeld, event: AppendRequest): Promise<void>;
  /** The answers to a request that the organisation asked (the requesting organ) or gave (the owner). */
  abstract forRequest(requestId: string, organisationId: string): Promise<FootageNotHeld[]>;
}

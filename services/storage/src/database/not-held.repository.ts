import type { FootageNotHeld } from '@custos/contracts';
import { EventStore, inTransaction, type AppendRequest } from '@custos/eventstore';
import { Pool } from 'pg';
import { NotHeldAnswers } from '../domain/not-held-answers.port';

export class NotHeldRepository extends NotHeldAnswers {
  constructor(
    private readonly pool: Pool,
    private readonly events: EventStore,
  ) {
    super();
  }

  async record(answer: FootageNotHeld, event: AppendRequest): Promise<void> {
    await inTransaction(this.pool, async (tx) => {
      await tx.query(
        `INSERT INTO storage_not_held (answer_id, request_id, requesting_organisation_id, organisation_id, answer, answered_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          answer.answerId,
          answer.requestId,
          answer.requestingOrganisationId,
          answer.organisationId,
          JSON.stringify(answer),
          new Date(answer.answeredAt),
        ],
      );
      await this.events.append(event, tx);
    });
  }

  async forRequest(requestId: string, organisationId: string): Promise<FootageNotHeld[]> {
    const { rows } = await this.pool.query(
      `SELECT answer FROM storage_not_held WHERE request_id = $1 AND (requesting_organisation_id = $2 OR organisation_id = $2)
       ORDER BY answered_at, answer_id`,
      [requestId, organisationId],
    );
    return rows.map((r) => r.answer as FootageNotHeld);
  }
}

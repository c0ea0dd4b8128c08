import type { FootageNotHeld } from '@custos/contracts';
import type { AppendRequest } from '@custos/eventstore';
import { NotHeldAnswers } from '../domain/not-held-answers.port';
import { RecordedWrites } from './recorded-writes';

export class NotHeldRepository extends RecordedWrites implements NotHeldAnswers {
  async record(answer: FootageNotHeld, event: AppendRequest): Promise<void> {
    await this.writeWithEvent(event, (tx) =>
      tx.query(
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
      ),
    );
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

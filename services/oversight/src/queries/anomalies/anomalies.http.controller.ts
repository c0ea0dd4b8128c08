import { Controller, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { AnomalyFigure, AnomalyThresholds } from '@custos/domain';
import { QueryEndpoint } from '@custos/platform';
import { OversightReadModel } from '../shared/oversight-read-model';
import { inclusionProofPath } from '../shared/cursor';
import { AnomalyReportDto } from '../shared/oversight.response.dto';
import { PERIOD_REFUSALS, periodOf, PeriodRequestDto } from '../shared/period.request.dto';
import { anomaliesIn } from './anomaly-facts';

export interface AnomalyReport {
  readonly from: string;
  readonly to: string;
  readonly thresholds: AnomalyThresholds;
  readonly figures: (Omit<AnomalyFigure, 'evidence'> & { evidence: (AnomalyFigure['evidence'][number] & { inclusionProof: string })[] })[];
}

/**
 * Anomaly reports (R27.1) per organ and period within the caller's jurisdiction: self-approval
 * attempts, approvals attempted outside authority, the same pair of officers again and again,
 * access volumes far above the peers'. Each figure names the events behind it and where the
 * ledger proves each.
 */
@ApiTags('anomalies')
@Controller('anomalies')
export class AnomaliesHttpController {
  constructor(private readonly oversight: OversightReadModel) {}

  @QueryEndpoint({
    summary: "Anomaly figures of the caller's jurisdiction and a period, each with its ledger entries (R27.1)",
    response: AnomalyReportDto,
    roles: ['OVERSIGHT'],
    refusals: PERIOD_REFUSALS,
  })
  async report(@CurrentPrincipal() principal: Principal, @Query() q: PeriodRequestDto): Promise<AnomalyReport> {
    const period = periodOf(q);
    const figures = await anomaliesIn(this.oversight, principal, period);
    return {
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      thresholds: this.oversight.thresholds,
      figures: figures.map((f) => ({ ...f, evidence: f.evidence.map((e) => ({ ...e, inclusionProof: inclusionProofPath(e.eventId) })) })),
    };
  }
}

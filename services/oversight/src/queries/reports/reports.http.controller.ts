import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { ApiRefusalCodes, QueryEndpoint } from '@custos/platform';
import type { Response } from 'express';
import { OversightReadModel } from '../shared/oversight-read-model';
import { JurisdictionReportDto } from '../shared/oversight.response.dto';
import { PERIOD_REFUSALS, periodOf, PeriodRequestDto } from '../shared/period.request.dto';
import { JurisdictionReport, jurisdictionReport, reportCsv } from './jurisdiction-report';

/** The report of the caller's jurisdiction and a period, as JSON (for the console's charts) or CSV (R19.1, R27.1). */
@ApiTags('reports')
@Controller('reports')
export class ReportsHttpController {
  constructor(private readonly oversight: OversightReadModel) {}

  @QueryEndpoint({ summary: "The jurisdiction's report for a period (R19.1, R27.1)", response: JurisdictionReportDto, roles: ['OVERSIGHT'], refusals: PERIOD_REFUSALS })
  report(@CurrentPrincipal() principal: Principal, @Query() q: PeriodRequestDto): Promise<JurisdictionReport> {
    return jurisdictionReport(this.oversight, principal, periodOf(q));
  }

  @Roles('OVERSIGHT')
  @Get('csv')
  @ApiOperation({ summary: 'The same report as CSV (UTF-8 with BOM)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One line per figure, its ledger entries as service#sequence', content: { 'text/csv': { schema: { type: 'string' } } } })
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiRefusalCodes(...PERIOD_REFUSALS)
  async csv(@CurrentPrincipal() principal: Principal, @Query() q: PeriodRequestDto, @Res() res: Response): Promise<void> {
    const report = await jurisdictionReport(this.oversight, principal, periodOf(q));
    res.setHeader('content-disposition', `attachment; filename="oversight-${report.divisionCode}-${q.from.slice(0, 10)}.csv"`);
    res.send(reportCsv(report));
  }
}

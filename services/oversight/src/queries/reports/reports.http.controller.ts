import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { ApiCodedErrors } from '@custos/platform';
import type { Response } from 'express';
import { OversightContext } from '../../oversight.context';
import { periodOf, PeriodRequestDto } from '../shared/period.request.dto';
import { JurisdictionReport, jurisdictionReport, reportCsv } from './jurisdiction-report';

/** The report of the caller's jurisdiction and a period, as JSON (for the console's charts) or CSV (R19.1, R27.1). */
@ApiTags('reports')
@Controller('reports')
export class ReportsHttpController {
  constructor(private readonly oversight: OversightContext) {}

  @Roles('OVERSIGHT')
  @Get()
  @ApiCodedErrors({ 400: ['CUSTOS_INPUT_OVERSIGHT_PERIOD_INVALID'] })
  report(@CurrentPrincipal() principal: Principal, @Query() q: PeriodRequestDto): Promise<JurisdictionReport> {
    return jurisdictionReport(this.oversight, principal, periodOf(q));
  }

  @Roles('OVERSIGHT')
  @Get('csv')
  @ApiProduces('text/csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiCodedErrors({ 400: ['CUSTOS_INPUT_OVERSIGHT_PERIOD_INVALID'] })
  async csv(@CurrentPrincipal() principal: Principal, @Query() q: PeriodRequestDto, @Res() res: Response): Promise<void> {
    const report = await jurisdictionReport(this.oversight, principal, periodOf(q));
    res.setHeader('content-disposition', `attachment; filename="oversight-${report.divisionCode}-${q.from.slice(0, 10)}.csv"`);
    res.send(reportCsv(report));
  }
}

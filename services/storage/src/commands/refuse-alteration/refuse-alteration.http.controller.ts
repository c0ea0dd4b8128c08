import { Controller, Delete, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { DomainException } from '@custos/platform';
import { SegmentRepository } from '../../database/segment.repository';
import { SegmentIdParams } from '../ingest-segment/ingest-segment.request.dto';
import { RefuseAlterationHandler } from './refuse-alteration.handler';

@ApiTags('footage')
@ApiBearerAuth()
@Controller('footage/segments')
export class RefuseAlterationHttpController {
  constructor(
    private readonly refusals: RefuseAlterationHandler,
    private readonly segments: SegmentRepository,
  ) {}

  @Delete(':segmentId')
  @ApiOperation({ summary: 'Always refused: originals are never deleted (R16.3); the attempt is recorded' })
  async delete(@CurrentPrincipal() principal: Principal, @Param() params: SegmentIdParams): Promise<never> {
    const exists = (await this.segments.find(params.segmentId)) !== undefined;
    throw new DomainException(await this.refusals.refuse(principal, params.segmentId, 'DELETE', exists));
  }
}

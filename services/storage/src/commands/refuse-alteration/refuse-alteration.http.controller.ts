import { Controller, Delete, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { DomainError, Result } from '@custos/domain';
import { ApiRefusalCodes, orRefuse } from '@custos/platform';
import { SegmentIdParams } from '../ingest-segment/ingest-segment.request.dto';
import { RefuseAlterationCommand } from './refuse-alteration.command';

@ApiTags('footage')
@ApiBearerAuth()
@Controller('footage/segments')
export class RefuseAlterationHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':segmentId')
  @ApiOperation({ summary: 'Always refused: originals are never deleted (R16.3); the attempt is recorded' })
  @ApiNoContentResponse({ description: 'Never answered: every deletion is refused with 409 (R16.3)' })
  @ApiRefusalCodes('CUSTOS_R16_3_ORIGINAL_IMMUTABLE')
  async delete(@CurrentPrincipal() principal: Principal, @Param() params: SegmentIdParams): Promise<never> {
    return orRefuse(
      await this.commands.execute<RefuseAlterationCommand, Result<never, DomainError>>(
        new RefuseAlterationCommand(principal, params.segmentId, 'DELETE'),
      ),
    );
  }
}

import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { FootageNotHeld } from '@custos/contracts';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Pool } from 'pg';
import { STORAGE_POOL } from '../../storage.tokens';

export class NotHeldQueryDto {
  @IsString() @MinLength(1) @MaxLength(200) requestId!: string;
}

@ApiTags('footage')
@ApiBearerAuth()
@Controller('footage/not-held')
export class NotHeldHttpController {
  constructor(@Inject(STORAGE_POOL) private readonly pool: Pool) {}

  /** The "not held" answers to a request (R16.7): for the requesting organ's officers, and the owner that gave them. */
  @Get()
  @Roles('OFFICER', 'OWNER_OPERATOR')
  @ApiOperation({ summary: 'The owners\' "not held" answers to one of your requests (R16.7)' })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: NotHeldQueryDto): Promise<{ answers: FootageNotHeld[] }> {
    const { rows } = await this.pool.query(
      `SELECT answer FROM storage_not_held WHERE request_id = $1 AND (requesting_organisation_id = $2 OR organisation_id = $2)
       ORDER BY answered_at, answer_id`,
      [query.requestId, principal.organisationId],
    );
    return { answers: rows.map((r) => r.answer as FootageNotHeld) };
  }
}

import { ApiAnswer } from '@custos/platform';
import { ApiOperation } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { RecordOperatorTrainingCommand } from './record-operator-training.command';
import { RecordOperatorTrainingRequestDto } from './record-operator-training.request.dto';

@Controller('operators/:operatorId/trainings')
export class RecordOperatorTrainingHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('REGISTRY_ADMIN', 'OWNER_OPERATOR')
  @ApiAnswer(201, { operatorId: 'string', trainingId: 'string' })
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: "Records an operator's training" })
  async record(
    @CurrentPrincipal() principal: Principal,
    @Param('operatorId') operatorId: string,
    @Body() body: RecordOperatorTrainingRequestDto,
  ): Promise<{ operatorId: string; trainingId: string }> {
    const trainingId = randomUUID();
    const { course, completedOn, certificateNumber } = body;
    await this.commands.execute(
      new RecordOperatorTrainingCommand(principal, operatorId, trainingId, {
        course,
        completedOn,
        ...(certificateNumber ? { certificateNumber } : {}),
      }),
    );
    return { operatorId, trainingId };
  }
}

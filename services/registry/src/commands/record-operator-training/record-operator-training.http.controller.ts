import { randomUUID } from 'node:crypto';
import { Body, Controller, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { RecordOperatorTrainingCommand } from './record-operator-training.command';
import { TrainingRecorded } from './record-operator-training.handler';
import { RecordOperatorTrainingRequestDto } from './record-operator-training.request.dto';
import { OperatorPath } from '../shared/registry-paths';

@Controller('operators/:operatorId/trainings')
export class RecordOperatorTrainingHttpController extends CommandHttpController {
  @CommandEndpoint({
    summary: "Records an operator's training",
    response: { operatorId: 'string', trainingId: 'string' },
    roles: ['REGISTRY_ADMIN', 'OWNER_OPERATOR'],
  })
  record(@CurrentPrincipal() principal: Principal, @Param() path: OperatorPath, @Body() body: RecordOperatorTrainingRequestDto): Promise<TrainingRecorded> {
    const { course, completedOn, certificateNumber } = body;
    const training = { course, completedOn, ...(certificateNumber ? { certificateNumber } : {}) };
    return this.commands.execute(new RecordOperatorTrainingCommand(principal, path.operatorId, randomUUID(), training));
  }
}

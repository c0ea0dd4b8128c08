import { randomUUID } from 'node:crypto';
import { Body, Controller, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { RecordSignageEvidenceCommand } from './record-signage-evidence.command';
import { RecordSignageEvidenceRequestDto } from './record-signage-evidence.request.dto';
import { SystemPath } from '../shared/registry-paths';

@Controller('systems/:systemId/signage-evidence')
export class RecordSignageEvidenceHttpController extends CommandHttpController {
  /** The owner (a photo) or the PSB (a photo or an inspection record) records what the sign was (R11.1). */
  @CommandEndpoint({
    summary: "Records evidence of a system's sign: a photo's hash or an inspection record (R11.1)",
    response: {
      evidenceId: 'uuid', kind: ['PHOTO', 'INSPECTION'], shown: 'boolean', observedAt: 'date-time', recordedAt: 'date-time',
      current: 'boolean', rectifies: 'boolean', missingFound: 'boolean',
    },
    description: 'Recorded in the sign’s history; `missingFound`: a new R11.1 finding for oversight; `rectifies`: the sign is back',
    roles: ['REGISTRY_ADMIN', 'OWNER_OPERATOR', 'OVERSIGHT'],
    refusals: [
      'CUSTOS_VALIDATION_FAILED',
      'CUSTOS_R11_1_PHOTO_HASH_REQUIRED',
      'CUSTOS_R11_1_OBSERVED_IN_FUTURE',
      'CUSTOS_R11_1_INSPECTION_REFERENCE_REQUIRED',
      'CUSTOS_R11_1_INSPECTION_BY_PSB_ONLY',
      'CUSTOS_AUTH_WRONG_ORGANISATION',
      'CUSTOS_AUTH_OUTSIDE_JURISDICTION',
      'CUSTOS_REGISTRY_IMAGE_SYSTEM_NOT_FOUND',
      'CUSTOS_REGISTRY_FACILITY_REMOVED',
    ],
  })
  record(@CurrentPrincipal() principal: Principal, @Param() path: SystemPath, @Body() body: RecordSignageEvidenceRequestDto) {
    const { observedAt, ...evidence } = body;
    return this.commands.execute(new RecordSignageEvidenceCommand(principal, path.systemId, randomUUID(), { ...evidence, observedAt: new Date(observedAt) }));
  }
}

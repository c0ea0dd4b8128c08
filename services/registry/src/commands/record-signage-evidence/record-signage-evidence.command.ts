import { Principal } from '@custos/auth';
import { SignageEvidence } from '@custos/domain';
import { SignageEvidenceRecorded } from '@custos/contracts';

export class RecordSignageEvidenceCommand {
  constructor(
    readonly principal: Principal,
    readonly systemId: string,
    readonly evidenceId: string,
    readonly evidence: SignageEvidence & { photo?: SignageEvidenceRecorded['photo']; note?: string },
  ) {}
}

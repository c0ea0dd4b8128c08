import { Principal } from '@custos/auth';
import { RecordInspectionRequestDto } from './record-inspection.request.dto';

export class RecordInspectionCommand {
  constructor(
    readonly principal: Principal,
    readonly inspection: RecordInspectionRequestDto,
  ) {}
}

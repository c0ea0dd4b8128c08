import { Matches } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from '../shared/request-rules';

export class RecordSiteCoverageRequestDto {
  /** The registered system that covers the site. */
  @Matches(ID_PATTERN, { message: `imageSystemId ${ID_MESSAGE}` }) imageSystemId!: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';

/*
 * The ids a route's path names, as one validated class a controller takes with `@Param()`. Any
 * string passes, as before: an id custody does not hold is refused by the command as not found.
 */

export class SessionPathDto {
  @ApiProperty() @IsString() sessionId!: string;
}

export class EvidenceItemPathDto {
  @ApiProperty() @IsString() evidenceItemId!: string;
}

export class TransferPathDto extends EvidenceItemPathDto {
  @ApiProperty() @IsString() transferId!: string;
}

export class HandOverPathDto extends EvidenceItemPathDto {
  @ApiProperty() @IsString() handOverId!: string;
}

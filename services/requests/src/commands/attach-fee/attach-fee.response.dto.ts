import { ApiProperty } from '@nestjs/swagger';

export class AttachFeeResultDto {
  @ApiProperty() requestId!: string;
  @ApiProperty({ enum: [0], description: 'Only a fee of nothing is accepted (R17.5)' }) fee!: 0;
}

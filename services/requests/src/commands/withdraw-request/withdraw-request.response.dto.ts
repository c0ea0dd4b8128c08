import { ApiProperty } from '@nestjs/swagger';

export class WithdrawRequestResultDto {
  @ApiProperty() requestId!: string;
  @ApiProperty({ enum: ['WITHDRAWN'] }) status!: 'WITHDRAWN';
}

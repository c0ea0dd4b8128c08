import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CancelTransferRequestDto {
  @ApiProperty({ example: 'Sent to the wrong bureau' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RecordViewRequestDto {
  @ApiProperty({ example: 'Identify the suspect at the east entrance' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  purpose!: string;
}

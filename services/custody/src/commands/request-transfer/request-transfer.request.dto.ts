import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class RequestTransferRequestDto {
  @ApiProperty({ example: 'org-psb-xian' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  toOrganisationId!: string;

  @ApiPropertyOptional({ description: 'The receiving person, when one is named; else any qualified officer of the organisation' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  toPersonId?: string;

  @ApiProperty({ example: 'Forensic examination' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  purpose!: string;
}

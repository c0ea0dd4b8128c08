import { SIGNAGE_EVIDENCE_KINDS, SignageEvidenceKind } from '@custos/domain';
import { IsOffsetDateTime } from '@custos/platform';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { TEXT_MAX } from '../shared/request-rules';

export class SignagePhotoDto {
  /** SHA-256 of the photo's bytes, lower-case hex (the console computes it in the browser). */
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hexadecimal digits' }) sha256!: string;
  @IsOptional() @IsString() @MaxLength(100) mediaType?: string;
  @IsOptional() @IsInt() @Min(1) sizeBytes?: number;
  /** Where the photo is kept: its file name or archive number. */
  @IsOptional() @IsString() @MaxLength(TEXT_MAX) reference?: string;
}

export class RecordSignageEvidenceRequestDto {
  @IsIn(SIGNAGE_EVIDENCE_KINDS) kind!: SignageEvidenceKind;
  /** Whether the sign was there, conspicuous. */
  @IsBoolean() shown!: boolean;
  @IsOffsetDateTime() observedAt!: string;
  /** For a PHOTO (required there: CUSTOS_R11_1_PHOTO_HASH_REQUIRED). */
  @IsOptional() @ValidateNested() @Type(() => SignagePhotoDto) photo?: SignagePhotoDto;
  /** For an INSPECTION: the inspection's id or the paper record's number. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) inspectionReference?: string;
  @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { PageDtoOf } from '@custos/platform';

/**
 * The registry's read answers as the OpenAPI document describes them (the console's types
 * come from it). The controllers' view interfaces stay the source; these mirror them.
 */
const QUALIFICATION_STANDINGS = ['VALID', 'NOT_YET_ISSUED', 'EXPIRED', 'REVOKED', 'SUSPENDED', 'NO_STATUS'];

export class OrganisationViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'PUBLIC_SECURITY, STATE_SECURITY, OTHER_ADMIN, OWNER, …' }) type!: string;
  @ApiProperty({ description: 'PROVINCE, CITY, COUNTY, …' }) level!: string;
  @ApiProperty() divisionCode!: string;
  @ApiProperty({ type: 'string', nullable: true }) parentId!: string | null;
}

export class OrganisationPageDto extends PageDtoOf(OrganisationViewDto) {}

export class HeadTermViewDto {
  @ApiProperty() personId!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) to!: string | null;
}

export class OrganisationHeadsDto {
  @ApiProperty() organisationId!: string;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'The instant asked about; null: every term',
  })
  at!: string | null;
  @ApiProperty({ type: [HeadTermViewDto] }) heads!: HeadTermViewDto[];
}

export class QualificationStatusDto {
  @ApiProperty() status!: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
}

export class QualificationDto {
  @ApiProperty() credentialNumber!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: [QualificationStatusDto] }) statusHistory!: QualificationStatusDto[];
}

/** A person of an organisation (officers, operators); the schemas list these fields first. */
class PersonDto {
  @ApiProperty() id!: string;
  @ApiProperty() personId!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty() name!: string;
}

class PersonListItemDto extends PersonDto {
  @ApiProperty() divisionCode!: string;
}

export class OfficerListItemDto extends PersonListItemDto {}

export class OfficerPageDto extends PageDtoOf(OfficerListItemDto) {}

export class OfficerViewDto extends PersonDto {
  @ApiProperty({ type: [QualificationDto] }) qualifications!: QualificationDto[];
}

export class QualificationAtViewDto {
  @ApiProperty() officerId!: string;
  @ApiProperty() personId!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'Qualified at that instant (R18.2)' }) valid!: boolean;
  @ApiProperty({ enum: QUALIFICATION_STANDINGS }) standing!: string;
  @ApiProperty({ type: 'string', nullable: true }) credentialNumber!: string | null;
}

export class OperatorListItemDto extends PersonListItemDto {
  @ApiProperty({ description: 'Any training recorded (R16.2)' }) trained!: boolean;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) lastTrainedOn!: string | null;
}

export class OperatorPageDto extends PageDtoOf(OperatorListItemDto) {}

export class OperatorTrainingDto {
  @ApiProperty() trainingId!: string;
  @ApiProperty() course!: string;
  @ApiProperty({ format: 'date' }) completedOn!: string;
  @ApiPropertyOptional() certificateNumber?: string;
}

export class OperatorViewDto extends PersonDto {
  @ApiProperty() trained!: boolean;
  @ApiProperty({ type: [OperatorTrainingDto] }) trainings!: OperatorTrainingDto[];
}

export class CameraViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() imageSystemId!: string;
  @ApiProperty() ownerOrganisationId!: string;
  @ApiProperty() divisionCode!: string;
  @ApiProperty() name!: string;
  @ApiProperty() locationCategory!: string;
  @ApiPropertyOptional() location?: string;
  @ApiPropertyOptional() function?: string;
  @ApiProperty() removed!: boolean;
  @ApiPropertyOptional({ type: 'integer', description: 'Days its system keeps footage (R16.7)' })
  retentionDays?: number;
}

export class CameraPageDto extends PageDtoOf(CameraViewDto) {}

/** A facility change the owner reported, as recorded (R15.1; `FacilityChangeReported`). */
export class FacilityChangeViewDto {
  @ApiProperty() changeId!: string;
  @ApiProperty({ enum: ['CHANGED', 'REMOVED'] }) kind!: string;
  @ApiPropertyOptional() cameraId?: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
  @ApiProperty({ format: 'date-time' }) reportedAt!: string;
  @ApiProperty({ description: 'Reported after the R15.1 period' }) late!: boolean;
  @ApiPropertyOptional({ enum: ['ARTICLE_7', 'NONE'], description: 'ARTICLE_7: bound by the 30 days (R15.1)' })
  duty?: string;
  @ApiPropertyOptional({ description: 'Reported before the change happens' }) planned?: boolean;
  @ApiPropertyOptional({ format: 'date', description: 'The last day of the period (Beijing date)' }) lastDay?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'The first late instant' }) deadline?: string;
  @ApiPropertyOptional({ description: 'False: the holiday calendar did not cover the deadline' })
  calendarCovers?: boolean;
  @ApiPropertyOptional({ description: 'The county public security organ it is addressed to' })
  addressedToOrganisationId?: string;
  @ApiPropertyOptional() newLocationCategory?: string;
  @ApiPropertyOptional() newLocation?: string;
  @ApiPropertyOptional() newFunction?: string;
}

/** The addressed organ's acknowledgement of a change report (R15.1; `FacilityChangeAcknowledged`). */
export class FacilityChangeAcknowledgementDto {
  @ApiProperty() changeId!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty() personId!: string;
  @ApiProperty({ format: 'date-time' }) acknowledgedAt!: string;
}

export class ImageSystemViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() ownerOrganisationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) siteCategories!: string[];
  @ApiProperty() divisionCode!: string;
  @ApiProperty() location!: string;
  @ApiProperty() inPublicPlace!: boolean;
  @ApiProperty() signageShown!: boolean;
  @ApiProperty({ type: 'integer' }) retentionDays!: number;
  @ApiPropertyOptional() retentionBasis?: string;
  @ApiProperty() removed!: boolean;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'The county public security organ where it stands (R15.1)',
  })
  supervisingOrganisationId!: string | null;
  @ApiProperty({ type: [CameraViewDto] }) cameras!: CameraViewDto[];
  @ApiProperty({ type: [FacilityChangeAcknowledgementDto], description: 'Facility changes acknowledged (R15.1)' })
  acknowledgements!: FacilityChangeAcknowledgementDto[];
  @ApiProperty({ type: [FacilityChangeViewDto], description: 'Facility changes reported (R15.1)' })
  changes!: FacilityChangeViewDto[];
}

export class ImageSystemListItemDto extends PickType(ImageSystemViewDto, [
  'id',
  'ownerOrganisationId',
  'name',
  'siteCategories',
  'divisionCode',
  'inPublicPlace',
  'signageShown',
  'removed',
] as const) {}

export class ImageSystemPageDto extends PageDtoOf(ImageSystemListItemDto) {}

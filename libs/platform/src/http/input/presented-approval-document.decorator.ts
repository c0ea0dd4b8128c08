import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';
import { SignedApprovalDocumentDto } from './signed-approval-document.dto';

/**
 * The property of a request that presents a signed approval document (R18.5): required and
 * checked as a `SignedApprovalDocumentDto`, documented as one. `IsDefined` because
 * `ValidateNested` alone lets a missing document through to the handler.
 */
export function PresentedApprovalDocument(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: SignedApprovalDocumentDto }),
    IsDefined(),
    ValidateNested(),
    Type(() => SignedApprovalDocumentDto),
  );
}

import type { Principal } from '@custos/auth';
import type { MaskingRecord, SignedApprovalDocument } from '@custos/domain';

export class ExportFootageCommand {
  constructor(
    readonly principal: Principal,
    readonly approval: SignedApprovalDocument,
    readonly cameraIds?: readonly string[],
    /** A narrower window; either bound left out is the approved one. */
    readonly window: { readonly from?: Date; readonly to?: Date } = {},
    /** Why the document is exported again; required when it was exported before (R18.5). */
    readonly reExportReason?: string,
    /** A release for public dissemination, with its masking record (CN2025-PUBLISH); absent: evidence. */
    readonly publication?: { readonly masking?: MaskingRecord },
    /** Told the package's bytes written so far, once every check has passed and the package is being written. */
    readonly onProgress?: (progress: ExportProgress) => void,
  ) {}
}

/** How far the package is written: bytes of the tar so far, of about `totalBytes` (its footage plus headers). */
export interface ExportProgress {
  readonly bytes: number;
  readonly totalBytes: number;
}

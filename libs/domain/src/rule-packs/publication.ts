import { domainErrorOf } from '../errors';
import { err, ok, Result } from '../result';
import { MaskedFeature, RulePack } from './rule-pack';

/**
 * The record of a masking done by hand before footage is released for public dissemination
 * (CN2025-PUBLISH), as the export manifest carries it until automatic masking exists: who
 * masked, when, which features, and the SHA-256 of the masked file released.
 */
export interface MaskingRecord {
  readonly maskedBy: string;
  readonly maskedAt: string;
  readonly maskedSha256: string;
  readonly features: readonly MaskedFeature[];
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Whether footage may be released for public dissemination under the pack (CN2025-PUBLISH:
 * 视频图像信息用于公共传播时…应当对当事人个人特征、机动车号牌等隐私信息采取保护措施). Under a
 * pack with that rule, release needs a masking record naming every feature the pack lists, its
 * author, an instant not after `now`, and the masked file's hash; anything else is refused.
 * A pack without the rule (SX2012 alone) asks nothing here. "Unless a law provides otherwise"
 * is not decided by the software: such a release is not a publication export.
 */
export function assertPublicationReleasable(
  masking: MaskingRecord | undefined,
  now: Date,
  pack: RulePack,
): Result<{ rule: string } | null> {
  const publication = pack.publicDissemination;
  if (publication === null) return ok(null);
  const { masked, refusalCode } = publication.value;
  const missing = masking === undefined ? [...masked] : masked.filter((f) => !masking.features.includes(f));
  const maskedAt = masking === undefined ? NaN : Date.parse(masking.maskedAt);
  const defects = [
    ...(missing.length > 0 ? [`features not masked: ${missing.join(', ')}`] : []),
    ...(masking !== undefined && masking.maskedBy.trim() === '' ? ['no one is named as having masked it'] : []),
    ...(masking !== undefined && !SHA256.test(masking.maskedSha256) ? ["the masked file's SHA-256 is not recorded"] : []),
    ...(masking !== undefined && !(maskedAt <= now.getTime()) ? ['the masking instant is missing or in the future'] : []),
  ];
  if (defects.length > 0) {
    return err(domainErrorOf(refusalCode, { rulePack: pack.id, defects, required: [...masked] }));
  }
  return ok({ rule: publication.rule });
}

import { Principal } from '@custos/auth';
import { DomainError, Result } from '@custos/domain';
import { assertMayAct } from '../../access/oversight-access';
import { FindingAggregate } from '../../domain/finding.aggregate';
import { orRefuse, OversightContext } from '../../oversight.context';

/**
 * The shape of every act a PSB performs on a finding (R19.1, R22.1–R25.1): the finding loaded,
 * the caller checked as a competent organ over where it stands, the domain's decision taken
 * (a refusal changes nothing) and saved with the read model in step.
 */
export async function actOnFinding<T>(
  oversight: OversightContext,
  principal: Principal,
  findingId: string,
  decide: (finding: FindingAggregate) => Result<T, DomainError>,
  check: (principal: Principal, divisionCode: string | undefined, finding: FindingAggregate) => void = assertMayAct,
): Promise<T> {
  const finding = await oversight.finding(findingId);
  check(principal, await oversight.divisionOf(finding.raised!.subject), finding);
  const decided = orRefuse(decide(finding));
  await oversight.save(finding, principal);
  return decided;
}

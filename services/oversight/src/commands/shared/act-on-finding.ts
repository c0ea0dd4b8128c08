import { Principal } from '@custos/auth';
import { DomainError, Result } from '@custos/domain';
import { assertMayAct } from '../../access/oversight-access';
import { FindingAggregate } from '../../domain/finding.aggregate';
import { orRefuse } from '@custos/platform';
import { Findings } from './findings.port';

/**
 * The shape of every act a PSB performs on a finding (R19.1, R22.1–R25.1): the finding loaded,
 * the caller checked as a competent organ over where it stands, the domain's decision taken
 * (a refusal changes nothing) and saved with the read model in step.
 */
export async function actOnFinding<T>(
  findings: Findings,
  principal: Principal,
  findingId: string,
  decide: (finding: FindingAggregate) => Result<T, DomainError>,
  check: (principal: Principal, divisionCode: string | undefined, finding: FindingAggregate) => void = assertMayAct,
): Promise<T> {
  const finding = await findings.finding(findingId);
  check(principal, await findings.divisionOf(finding.raised!.subject), finding);
  const decided = orRefuse(decide(finding));
  await findings.save(finding, principal);
  return decided;
}

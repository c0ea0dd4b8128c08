import type { RulePackConfig } from '@custos/domain';
import type { Pool } from 'pg';

export interface RegistryModuleOptions {
  /** The registry's own database (its event store, outbox and read models). */
  readonly pool: Pool;
  /** The clock that stamps reports (R15.1); tests pass a fixed one. */
  readonly clock?: () => Date;
  /** The rule packs and how they compose (issue 21, `rulePacksOf(config)`); default `DEFAULT_RULE_PACK_CONFIG`. */
  readonly rulePacks?: RulePackConfig;
}

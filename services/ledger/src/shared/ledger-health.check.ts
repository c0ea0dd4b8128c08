import type { ModuleRef } from '@nestjs/core';
import type { CheckOutcome, ReadinessCheck } from '@custos/platform';
import { Checkpointer } from '../commands/sign-checkpoint/checkpointer';
import { GapMonitor } from '../commands/detect-sequence-gaps/gap-monitor';

/**
 * The ledger's line in `/health/ready` (add it to the service's HealthModule checks): gap
 * alarms and the last checkpoint. It stays `up` during a gap: an alarm is for the operators
 * and oversight to see, and the ledger must keep serving proofs meanwhile.
 */
export function ledgerReadinessCheck(): ReadinessCheck {
  return {
    key: 'ledger',
    async run(moduleRef: ModuleRef): Promise<CheckOutcome> {
      const gaps = moduleRef.get(GapMonitor, { strict: false }).gapStatus();
      const checkpoints = moduleRef.get(Checkpointer, { strict: false }).status();
      return {
        up: true,
        details: {
          contiguous: gaps.contiguous,
          openGapAlarms: gaps.openAlarms,
          gaps: gaps.lines,
          checkpoint: checkpoints,
        },
      };
    },
  };
}

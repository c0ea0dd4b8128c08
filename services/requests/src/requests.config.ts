import { IntSetting, RegistryCallerConfig, serviceSettings, Setting } from '@custos/platform';
import { applyDecorators } from '@nestjs/common';
import { IsBoolean, IsNumber, Min } from 'class-validator';

/**
 * The hours an owner has to fulfil `what` before it is overdue and escalated (R16.5); fractions
 * allowed (a test or a drill may set minutes).
 */
function FulfilmentDeadlineHours(what: string): PropertyDecorator {
  return applyDecorators(
    Setting({ description: `Hours an owner has to fulfil ${what} before it is overdue (R16.5)` }),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(0.001),
  );
}

/** The requests service's settings: a registry caller's, with its own port and database. */
export class RequestsConfig extends serviceSettings('requests', RegistryCallerConfig) {
  @Setting({
    description:
      'Policy beyond R18.1 (which asks for at least two officers): the filer and the co-signer must belong to one organ, the requesting one. `false` lets officers of two organs sign together',
  })
  @IsBoolean()
  OFFICERS_OF_ONE_ORGAN: boolean = true;
  @IntSetting('How often requests past their co-signature deadline are expired (ms; 0 turns the timer off) (R18.1)', { min: 0 })
  REQUEST_EXPIRY_INTERVAL_MS: number = 60000;
  @IntSetting('How often requests past their fulfilment deadline are escalated to the supervising PSB (ms; 0 turns the timer off) (R16.5)', { min: 0 })
  REQUEST_ESCALATION_INTERVAL_MS: number = 60000;

  @FulfilmentDeadlineHours('a registered view')
  FULFILMENT_DEADLINE_VIEW_HOURS: number = 24;
  @FulfilmentDeadlineHours('an approved copy')
  FULFILMENT_DEADLINE_COPY_HOURS: number = 72;
  @FulfilmentDeadlineHours('an approved retrieval')
  FULFILMENT_DEADLINE_RETRIEVE_HOURS: number = 72;
}

import { CommonConfig, embeddedDatabaseUrl, Setting } from '@custos/platform';
import { IsBoolean, IsInt, IsNumber, IsUrl, Min } from 'class-validator';

/** The requests service's settings: the common ones, with its own port and database. */
export class RequestsConfig extends CommonConfig {
  override PORT = 3002;
  override DATABASE_URL = embeddedDatabaseUrl('requests');

  @Setting({ description: "Base URL of the registry service's API (organisations, officers, cameras)" })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  REGISTRY_URL: string = 'http://127.0.0.1:3001';


  @Setting({
    description:
      'Policy beyond R18.1 (which asks for at least two officers): the filer and the co-signer must belong to one organ, the requesting one. `false` lets officers of two organs sign together',
  })
  @IsBoolean()
  OFFICERS_OF_ONE_ORGAN: boolean = true;
  @Setting({ description: 'How often requests past their co-signature deadline are expired (ms; 0 turns the timer off) (R18.1)' })
  @IsInt()
  @Min(0)
  REQUEST_EXPIRY_INTERVAL_MS: number = 60000;
  @Setting({ description: 'How often requests past their fulfilment deadline are escalated to the supervising PSB (ms; 0 turns the timer off) (R16.5)' })
  @IsInt()
  @Min(0)
  REQUEST_ESCALATION_INTERVAL_MS: number = 60000;

  // Hours, fractions allowed (a test or a drill may set minutes): escalation follows the deadline (R16.5).
  @Setting({ description: 'Hours an owner has to fulfil a registered view before it is overdue (R16.5)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.001)
  FULFILMENT_DEADLINE_VIEW_HOURS: number = 24;
  @Setting({ description: 'Hours an owner has to fulfil an approved copy before it is overdue (R16.5)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.001)
  FULFILMENT_DEADLINE_COPY_HOURS: number = 72;
  @Setting({ description: 'Hours an owner has to fulfil an approved retrieval before it is overdue (R16.5)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.001)
  FULFILMENT_DEADLINE_RETRIEVE_HOURS: number = 72;
}

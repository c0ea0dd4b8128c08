import { Principal } from '@custos/auth';
import { ServeOrderRequestDto } from './serve-order.request.dto';

export class ServeOrderCommand {
  constructor(
    readonly principal: Principal,
    readonly findingId: string,
    readonly order: ServeOrderRequestDto,
  ) {}
}

import { Principal } from '@custos/auth';
import { ImageSystemProps } from '../../domain/image-system.aggregate';

export class RegisterImageSystemCommand {
  constructor(
    readonly principal: Principal,
    readonly id: string,
    readonly props: ImageSystemProps,
  ) {}
}

import { NonBlankText } from '@custos/platform';

export class WithdrawRequestDto {
  @NonBlankText(2000)
  reason!: string;
}

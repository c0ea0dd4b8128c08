/** The chain of custody's refusals live with its rules in `@custos/domain` (custody/custody-errors). */
export { custodyErrors } from '@custos/domain';

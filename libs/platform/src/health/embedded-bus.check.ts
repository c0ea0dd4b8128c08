import { CheckOutcome, ReadinessCheck } from './readiness-check';

/**
 * The in-process event bus of the embedded mode. It lives and dies with the process, so it
 * is up unless its owner says otherwise through `isRunning` (the event store's in-process
 * transport can pass its own state here).
 */
export function embeddedBusCheck(isRunning: () => boolean = () => true): ReadinessCheck {
  return {
    key: 'bus',
    async run(): Promise<CheckOutcome> {
      return isRunning()
        ? { up: true, details: { transport: 'embedded' } }
        : { up: false, details: { transport: 'embedded', message: 'the in-process bus is stopped' } };
    },
  };
}

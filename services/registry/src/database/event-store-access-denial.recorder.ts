import { AccessDenialRecorderOptions, EventStoreAccessDenialRecorder as ServiceAccessDenialRecorder } from '@custos/platform';
import { EventStore } from '@custos/eventstore';
import { REGISTRY_SERVICE } from './registry.event-store';

/**
 * The registry's refused accesses in its own event log as `registry.AccessDenied` on the
 * stream `access-denials:registry` (R3.1, R5.1): the shared recorder of @custos/platform,
 * bound to the registry.
 */
export class EventStoreAccessDenialRecorder extends ServiceAccessDenialRecorder {
  constructor(store: EventStore, options?: AccessDenialRecorderOptions) {
    super(store, REGISTRY_SERVICE, options);
  }
}

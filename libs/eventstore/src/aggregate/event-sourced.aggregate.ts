import { AggregateRoot } from '@nestjs/cqrs';

/** A fact an aggregate decided, before the store gives it an envelope. */
export interface DomainEvent<P extends object = object> {
  /** `<service>.<PastTenseFact>`; the aggregate's handler is `on<PastTenseFact>`. */
  readonly type: string;
  readonly schemaVersion: number;
  readonly payload: P;
}

/**
 * @nestjs/cqrs `AggregateRoot` with event-sourcing bookkeeping: the version it was loaded at
 * (the expected version of the next append) and handler names taken from the event type.
 */
export abstract class EventSourcedAggregate extends AggregateRoot<DomainEvent> {
  /** Version of the last stored event this instance reflects. */
  version = 0;

  constructor(readonly id: string) {
    super();
  }

  override getEventName(event: DomainEvent): string {
    return event.type.slice(event.type.indexOf('.') + 1);
  }

  /** Records a new fact: runs its handler now, stores it on save (the store validates its payload against its type's class). */
  protected record<P extends object>(type: string, payload: P, schemaVersion = 1): void {
    this.apply({ type, schemaVersion, payload });
  }
}

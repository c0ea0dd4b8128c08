import { EventSourcedAggregate } from '@custos/eventstore';
import { idOfStream } from './stream-ids';

/** Who a person registered by an organisation is, as its registration event says. */
export interface PersonRegistration {
  readonly personId: string;
  readonly organisationId: string;
  readonly name: string;
}

/**
 * A person an organisation registers in a role: an officer of an organ (R18.1), an operator of
 * an owner (R16.2). Each is its own stream; who the person is and whose, is the same for both.
 */
export abstract class PersonAggregate extends EventSourcedAggregate implements PersonRegistration {
  personId = '';
  organisationId = '';
  name = '';

  get key(): string {
    return idOfStream(this.id);
  }

  /** Applies the registration event of the role. */
  protected registered({ personId, organisationId, name }: PersonRegistration): void {
    this.personId = personId;
    this.organisationId = organisationId;
    this.name = name;
  }
}

import { Qualification } from './qualification';

/** A law-enforcement officer acting for an organ, with the qualification they present (R18.1, R18.2). */
export interface Officer {
  readonly personId: string;
  readonly organisationId: string;
  readonly qualification: Qualification;
}

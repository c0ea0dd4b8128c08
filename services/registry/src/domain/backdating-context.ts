/** The registry's instant of recording and the admin's reason for a start before it (issue 16). */
export interface BackdatingContext {
  readonly now: Date;
  readonly backdatingReason?: string;
}

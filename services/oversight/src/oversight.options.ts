import type { AnomalyThresholds } from '@custos/domain';

export interface OversightModuleOptions {
  /** The clock that stamps acts; tests pass a fixed one. */
  readonly clock?: () => Date;
  readonly anomalyThresholds?: AnomalyThresholds;
  /** Consume the other services' topics (default true; a test of the HTTP edge alone turns it off). */
  readonly consume?: boolean;
  readonly topicPrefix?: string;
  /** Grace before a mandatory site without a system is a finding, and how often to look (R7.1, R7.2). */
  readonly mandatorySites?: MandatorySiteSettings;
}

export interface MandatorySiteSettings {
  readonly graceDays: number;
  /** 0: no periodic look, only when an event arrives. */
  readonly sweepMs: number;
}

// Payload classes use class-transformer decorators, which read design-time type metadata.
import 'reflect-metadata';

export * from './canonical-json';
export * from './envelope';
export * from './envelope-schema';
export * from './event-registry';
export * from './event-payloads';
export * from './ledger';
export * from './registry';
export * from './storage';
export * from './requests';
export * from './approvals';
export * from './access-denied';
export * from './refusals';
export * from './custody';
export * from './quarantine-resolved';
export * from './rule-pack-record';
export * from './oversight';

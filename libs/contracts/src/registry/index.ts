export * from './registry-events';
export * from './event-keys';

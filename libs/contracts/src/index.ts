export * from './canonical-json';
export * from './envelope';
export * from './envelope-schema';
export * from './event-registry';

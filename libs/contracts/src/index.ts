export * from './canonical-json';
export * from './envelope';

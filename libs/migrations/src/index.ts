export * from './migration';
export * from './refuse-changes';
export * from './kernel';
export * from './schema-check';
export * from './runner';
export * from './main';

export * from './migration';
export * from './kernel';
export * from './schema-check';
export * from './runner';
export * from './main';

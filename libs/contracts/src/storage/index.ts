export * from './storage-events';

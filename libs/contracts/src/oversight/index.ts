export * from './oversight-events';

export * from './registry-events';

export * from './custody-events';

export * from './approvals-events';

export * from './requests-events';

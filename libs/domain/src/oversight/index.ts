export * from './oversight-acts';
export * from './automatic-findings';
export * from './anomalies';

export * from './http-json';
export * from './http-camera-directory';
export * from './http-approval-trust';
export * from './export-signing-key';

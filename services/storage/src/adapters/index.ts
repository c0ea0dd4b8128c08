export * from './http-camera-directory';
export * from './export-signing-key';

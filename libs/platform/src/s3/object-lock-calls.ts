import type * as Minio from 'minio';

/**
 * The promise forms of minio's bucket Object Lock calls. Its typings declare a `void` overload
 * before each promise one, and TypeScript picks the first that fits a call; a `Minio.Client`
 * assigned to this type keeps only the promise forms (`const locks: ObjectLockCalls = client`).
 */
export interface ObjectLockCalls {
  getObjectLockConfig(bucket: string): Promise<Minio.ObjectLockInfo>;
  setObjectLockConfig(bucket: string, config: Omit<Minio.ObjectLockInfo, 'objectLockEnabled'>): Promise<void>;
}

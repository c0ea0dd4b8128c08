/** Which organisation owns a camera and in which image system, as the registry says (R3.1). */
export interface CameraOwnership {
  readonly cameraId: string;
  readonly organisationId: string;
  readonly imageSystemId: string;
  /** Days its image system keeps footage (R16.7), as the registry says; each segment is locked that long. */
  readonly retentionDays?: number;
}

/**
 * The cameras the storage service accepts footage for. The registry service is the source;
 * a projection of its events (or a query to it) implements this port.
 */
export interface CameraDirectory {
  cameraOf(cameraId: string): Promise<CameraOwnership | undefined>;
}

export class InMemoryCameraDirectory implements CameraDirectory {
  private readonly cameras = new Map<string, CameraOwnership>();

  constructor(cameras: readonly CameraOwnership[] = []) {
    for (const camera of cameras) this.cameras.set(camera.cameraId, camera);
  }

  add(camera: CameraOwnership): this {
    this.cameras.set(camera.cameraId, camera);
    return this;
  }

  async cameraOf(cameraId: string): Promise<CameraOwnership | undefined> {
    return this.cameras.get(cameraId);
  }
}

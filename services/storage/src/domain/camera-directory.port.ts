import type { Organisation } from '@custos/domain';
import type { OperatorFacts } from '@custos/platform';

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
 * a projection of its events (or a query to it) implements this port. It also answers the
 * organisations and operators an owner's token is checked against (issue 16).
 */
export interface CameraDirectory extends OperatorFacts {
  cameraOf(cameraId: string): Promise<CameraOwnership | undefined>;
}

/** The registry's organisations and owners' operators (R16.2), for the in-memory directory. */
export interface OperatorSeed {
  readonly organisations?: readonly Organisation[];
  readonly operators?: readonly { personId: string; organisationId: string }[];
}

export class InMemoryCameraDirectory implements CameraDirectory {
  private readonly cameras = new Map<string, CameraOwnership>();

  constructor(
    cameras: readonly CameraOwnership[] = [],
    private readonly registry: OperatorSeed = {},
  ) {
    for (const camera of cameras) this.cameras.set(camera.cameraId, camera);
  }

  async organisation(id: string): Promise<Organisation | undefined> {
    return this.registry.organisations?.find((o) => o.id === id);
  }

  async operatorOrganisations(personId: string): Promise<readonly string[]> {
    return (this.registry.operators ?? []).filter((o) => o.personId === personId).map((o) => o.organisationId);
  }

  add(camera: CameraOwnership): this {
    this.cameras.set(camera.cameraId, camera);
    return this;
  }

  async cameraOf(cameraId: string): Promise<CameraOwnership | undefined> {
    return this.cameras.get(cameraId);
  }
}

import type { CameraDirectory, CameraOwnership } from '../domain/camera-directory.port';
import type { Organisation } from '@custos/domain';
import { HttpServiceClientOptions, organisationFromJson, RegistryClient, TtlCache } from '@custos/platform';

export interface HttpCameraDirectoryOptions extends HttpServiceClientOptions {
  /** How long a found camera's owner is remembered (default 30 s); an unknown camera never is. */
  readonly cacheTtlMs?: number;
  readonly now?: () => number;
}

/**
 * The camera directory over the registry's API (R3.1): which organisation owns a camera and
 * in which image system. The registry's 404 means an unknown camera (ingest refuses it);
 * any other failure of the registry fails the command rather than answering "unknown".
 *
 * A removed camera is still answered: its owner is a fact, and footage already recorded by it
 * stays exportable for its retention period (R16.7).
 */
export class HttpCameraDirectory implements CameraDirectory {
  private readonly cache: TtlCache<CameraOwnership | undefined>;
  private readonly registry: RegistryClient;

  constructor(options: HttpCameraDirectoryOptions) {
    this.registry = new RegistryClient(options);
    this.cache = new TtlCache(options.cacheTtlMs ?? 30_000, options.now);
  }

  /** `GET /organisations/:id`: not cached, the check of a token's claims reads it at decision time (issue 16). */
  async organisation(id: string): Promise<Organisation | undefined> {
    const json = await this.registry.organisation(id);
    return json && organisationFromJson(json);
  }

  operatorOrganisations(personId: string): Promise<readonly string[]> {
    return this.registry.operatorOrganisations(personId);
  }

  cameraOf(cameraId: string): Promise<CameraOwnership | undefined> {
    return this.cache.get(
      cameraId,
      async () => {
        const json = await this.registry.camera(cameraId);
        return (
          json && {
            cameraId: json.id,
            organisationId: json.ownerOrganisationId,
            imageSystemId: json.imageSystemId,
            ...(json.retentionDays === undefined ? {} : { retentionDays: json.retentionDays }),
          }
        );
      },
      (found) => found !== undefined,
    );
  }
}

import { AnyRole } from '@custos/auth';
import { SERVICES, registryStreamOf } from '@custos/contracts';
import { Controller, Header } from '@nestjs/common';
import { eventKeysOf, PublishedEventKey } from '../../domain/event-keys';
import { RegistryReadModel } from '../shared/registry-read-model';
import { ReadEndpoint } from '../shared/read-endpoint';
import { EventKeysDto } from './event-keys.response.dto';

/**
 * The event-signing keys the registry publishes (issue 16), revoked ones included with their
 * instant, so that a reader refuses what a revoked key signs instead of not knowing the key.
 * Authenticated like every registry read; services fetch it with their client credentials.
 */
@AnyRole()
@Controller('event-keys')
export class EventKeysHttpController {
  constructor(private readonly readModel: RegistryReadModel) {}

  @ReadEndpoint('', "The services' event-signing public keys (issue 16)", EventKeysDto)
  @Header('cache-control', 'no-store')
  async list(): Promise<{ keys: PublishedEventKey[] }> {
    const streams = await Promise.all(SERVICES.map((service) => this.readModel.store.readStream(registryStreamOf.eventKeys(service))));
    return { keys: streams.flatMap((events) => eventKeysOf(events)) };
  }
}

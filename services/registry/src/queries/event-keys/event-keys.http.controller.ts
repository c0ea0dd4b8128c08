import { AnyRole } from '@custos/auth';
import { SERVICES, registryStreamOf } from '@custos/contracts';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { eventKeysOf, PublishedEventKey } from '../../domain/event-keys';
import { RegistryReadModel } from '../shared/registry-read-model';
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

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: EventKeysDto })
  @ApiOperation({ summary: "The services' event-signing public keys (issue 16)" })
  async list(): Promise<{ keys: PublishedEventKey[] }> {
    const streams = await Promise.all(SERVICES.map((service) => this.readModel.store.readStream(registryStreamOf.eventKeys(service))));
    return { keys: streams.flatMap((events) => eventKeysOf(events)) };
  }
}

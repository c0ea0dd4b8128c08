import { Injectable } from '@nestjs/common';
import { RegistryAggregates } from '../../commands/shared/registry-aggregates';
import { RegistryReadModel } from './registry-read-model';

/** A controller of registry reads: the lists it pages through and the aggregates it reads one by one. */
@Injectable()
export abstract class RegistryQueries {
  constructor(
    protected readonly readModel: RegistryReadModel,
    protected readonly aggregates: RegistryAggregates,
  ) {}
}

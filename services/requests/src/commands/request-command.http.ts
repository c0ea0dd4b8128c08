import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { RequestStep } from '@custos/contracts';
import { RecordsRequestRefusals } from '../shared/request-refusal.interceptor';

/** A command controller on requests: under `/requests`, its refusals recorded as `step` (R26.1, R27.1). */
export const RequestCommandController = (step: RequestStep): ClassDecorator =>
  applyDecorators(ApiTags('requests'), Controller('requests'), RecordsRequestRefusals(step));

import { ApiAnswer } from '@custos/platform';
import { ApiOperation } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { RegisterCameraCommand } from './register-camera.command';
import { RegisterCameraRequestDto } from './register-camera.request.dto';

@Controller('systems/:systemId/cameras')
export class RegisterCameraHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('REGISTRY_ADMIN', 'OWNER_OPERATOR')
  @ApiAnswer(201, { id: 'string', imageSystemId: 'string' }, 'Registered')
  @Post()
  @ApiOperation({ summary: 'Registers a camera of an image system' })
  register(
    @CurrentPrincipal() principal: Principal,
    @Param('systemId') systemId: string,
    @Body() body: RegisterCameraRequestDto,
  ): Promise<{ id: string; imageSystemId: string }> {
    return this.commands.execute(
      new RegisterCameraCommand(principal, systemId, body.id ?? randomUUID(), body.name, body.locationCategory, body.location),
    );
  }
}

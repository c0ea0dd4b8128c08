import { randomUUID } from 'node:crypto';
import { Body, Controller, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { RegisterCameraCommand } from './register-camera.command';
import { RegisterCameraRequestDto } from './register-camera.request.dto';

@Controller('systems/:systemId/cameras')
export class RegisterCameraHttpController extends CommandHttpController {
  @CommandEndpoint({
    summary: 'Registers a camera of an image system',
    response: { id: 'string', imageSystemId: 'string' },
    description: 'Registered',
    roles: ['REGISTRY_ADMIN', 'OWNER_OPERATOR'],
  })
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

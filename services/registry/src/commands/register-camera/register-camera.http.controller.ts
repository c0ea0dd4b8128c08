import { randomUUID } from 'node:crypto';
import { Body, Controller, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { RegisterCameraCommand } from './register-camera.command';
import { RegisteredCamera } from './register-camera.handler';
import { RegisterCameraRequestDto } from './register-camera.request.dto';
import { SystemPath } from '../shared/registry-paths';

@Controller('systems/:systemId/cameras')
export class RegisterCameraHttpController extends CommandHttpController {
  @CommandEndpoint({
    summary: 'Registers a camera of an image system',
    response: { id: 'string', imageSystemId: 'string' },
    description: 'Registered',
    roles: ['REGISTRY_ADMIN', 'OWNER_OPERATOR'],
  })
  register(@CurrentPrincipal() principal: Principal, @Param() path: SystemPath, @Body() body: RegisterCameraRequestDto): Promise<RegisteredCamera> {
    return this.commands.execute(
      new RegisterCameraCommand(principal, path.systemId, body.id ?? randomUUID(), body.name, body.locationCategory, body.location),
    );
  }
}

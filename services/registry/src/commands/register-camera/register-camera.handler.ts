import { refuse } from '@custos/platform';
import { domainErrorOf } from '@custos/domain';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommandHandler } from '../shared/registry-command-handler';
import { assertMayManageSystem } from '../../access/registry-access';
import { RegisterCameraCommand } from './register-camera.command';

/** The camera registered, as the caller is answered. */
export type RegisteredCamera = { readonly id: string; readonly imageSystemId: string };

/**
 * R8.1: a camera in a forbidden place is refused with the rule's code, and the refused attempt
 * is saved as an event for oversight (R22.1); no camera exists afterwards.
 */
@CommandHandler(RegisterCameraCommand)
export class RegisterCameraHandler extends RegistryCommandHandler implements ICommandHandler<RegisterCameraCommand, RegisteredCamera> {
  async execute(command: RegisterCameraCommand): Promise<RegisteredCamera> {
    const { principal, systemId, cameraId, name, locationCategory, location } = command;
    const system = await this.aggregates.system(systemId);
    assertMayManageSystem(principal, system);
    // A fast answer; the claim of the camera id in the save's transaction is the guard.
    if (await this.aggregates.cameraRegistered(cameraId)) {
      refuse(domainErrorOf('CUSTOS_REGISTRY_ALREADY_REGISTERED', { cameraId }));
    }
    const registered = system.registerCamera(cameraId, name, locationCategory, location);
    // A refusal by R8.1 has recorded its own event: it is saved before the answer goes out.
    await this.aggregates.save(system, principal);
    if (!registered.ok) refuse(registered.error);
    return { id: cameraId, imageSystemId: systemId };
  }
}

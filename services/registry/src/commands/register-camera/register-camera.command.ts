import { Principal } from '@custos/auth';
import { CameraLocationCategory } from '@custos/domain';

export class RegisterCameraCommand {
  constructor(
    readonly principal: Principal,
    readonly systemId: string,
    readonly cameraId: string,
    readonly name: string,
    readonly locationCategory: CameraLocationCategory,
    readonly location: string,
  ) {}
}

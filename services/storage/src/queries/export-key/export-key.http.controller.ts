import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@custos/auth';
import { ApiAnswer } from '@custos/platform';
import { ManifestSigner } from '../../export-package/export-manifest';

@ApiTags('footage')
@Controller('footage/export-key')
export class ExportKeyHttpController {
  constructor(private readonly signer: ManifestSigner) {}

  /**
   * The public key export manifests are signed with (R18.5): public, so that a receiving organ
   * or a court records it once and pins it in `custos-verify <package.tar> --key` ever after.
   */
  @Get()
  @Public()
  @ApiAnswer(200, { algorithm: ['Ed25519'], keyId: 'string', publicKeyPem: 'string' }, 'The public key')
  @ApiOperation({ summary: 'The Ed25519 public key of export manifests (R18.5), to pin in custos-verify --key' })
  key(): { algorithm: 'Ed25519'; keyId: string; publicKeyPem: string } {
    return { algorithm: 'Ed25519', keyId: this.signer.keyId, publicKeyPem: this.signer.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  }
}

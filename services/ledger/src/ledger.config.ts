import { IsIn, IsInt, IsNotEmpty, IsString, Min, ValidateIf } from 'class-validator';
import { CommonConfig, embeddedDatabaseUrl, Setting } from '@custos/platform';

export const CHECKPOINT_DRIVERS = ['local', 's3'] as const;
export type CheckpointDriver = (typeof CHECKPOINT_DRIVERS)[number];

/** The ledger service's settings: the common ones, its port and database, and the Merkle log's. */
export class LedgerConfig extends CommonConfig {
  override PORT = 3006;
  override DATABASE_URL = embeddedDatabaseUrl('ledger');

  @Setting({
    description:
      'C2SP note signer key of the checkpoints (`PRIVATE+KEY+<name>+<id>+<base64>`); the embedded mode generates one once and keeps it under .custos/embedded/keys',
    secret: true,
  })
  @ValidateIf((config: LedgerConfig) => !config.EMBEDDED_MODE)
  @IsNotEmpty({ message: 'LEDGER_SIGNER_KEY is required when EMBEDDED_MODE=false: the note signer key of the checkpoints' })
  LEDGER_SIGNER_KEY: string = '';

  @Setting({ description: 'Folder of the embedded mode keys (ledger signer key)' })
  @IsString()
  LEDGER_KEYS_DIR: string = '.custos/embedded/keys';

  @Setting({ description: '`local`: checkpoints written as read-only files (embedded only); `s3`: a bucket with Object Lock' })
  @IsIn(CHECKPOINT_DRIVERS)
  LEDGER_CHECKPOINT_DRIVER: CheckpointDriver = 'local';

  @Setting({ description: 'Folder of the checkpoint files (LEDGER_CHECKPOINT_DRIVER=local)' })
  @IsString()
  LEDGER_CHECKPOINT_DIR: string = '.custos/embedded/checkpoints';

  @Setting({ description: 'S3 endpoint URL of the checkpoint bucket (LEDGER_CHECKPOINT_DRIVER=s3)' })
  @IsString()
  S3_ENDPOINT: string = 'http://127.0.0.1:9000';

  @Setting({ description: 'S3 access key (LEDGER_CHECKPOINT_DRIVER=s3)', secret: true })
  @IsString()
  S3_ACCESS_KEY: string = '';

  @Setting({ description: 'S3 secret key (LEDGER_CHECKPOINT_DRIVER=s3)', secret: true })
  @IsString()
  S3_SECRET_KEY: string = '';

  @Setting({ description: 'S3 region' })
  @IsString()
  S3_REGION: string = 'us-east-1';

  @Setting({ description: 'Bucket of the checkpoints’ write-once copies (created with Object Lock)' })
  @IsString()
  S3_BUCKET_CHECKPOINTS: string = 'custos-ledger-checkpoints';

  @Setting({ description: 'COMPLIANCE retention of each checkpoint object (days)' })
  @IsInt()
  @Min(30)
  LEDGER_CHECKPOINT_RETENTION_DAYS: number = 3650;

  @Setting({ description: 'Longest time between two signed checkpoints while the log grows (ms)' })
  @IsInt()
  @Min(100)
  LEDGER_CHECKPOINT_INTERVAL_MS: number = 5000;

  @Setting({ description: 'How long a missing sequence number may be late before it raises a gap alarm (ms)' })
  @IsInt()
  @Min(0)
  LEDGER_GAP_GRACE_MS: number = 30000;
}

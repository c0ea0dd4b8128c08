import { IsIn, IsNotEmpty, ValidateIf } from 'class-validator';
import { CommonConfig, IntSetting, serviceSettings, Setting, settingRow, textRow, withSettings } from '@custos/platform';

export const CHECKPOINT_DRIVERS = ['local', 's3'] as const;
export type CheckpointDriver = (typeof CHECKPOINT_DRIVERS)[number];

/** The Merkle log's settings: its signer key, where its checkpoints are kept, and its timing. */
const LEDGER_SETTINGS = {
  LEDGER_SIGNER_KEY: settingRow(
    '',
    Setting({
      description:
        'C2SP note signer key of the checkpoints (`PRIVATE+KEY+<name>+<id>+<base64>`); the embedded mode generates one once and keeps it under .custos/embedded/keys',
      secret: true,
    }),
    ValidateIf((config: CommonConfig) => !config.EMBEDDED_MODE),
    IsNotEmpty({ message: 'LEDGER_SIGNER_KEY is required when EMBEDDED_MODE=false: the note signer key of the checkpoints' }),
  ),
  LEDGER_KEYS_DIR: textRow('.custos/embedded/keys', 'Folder of the embedded mode keys (ledger signer key)'),
  LEDGER_CHECKPOINT_DRIVER: settingRow<CheckpointDriver>(
    'local',
    Setting({ description: '`local`: checkpoints written as read-only files (embedded only); `s3`: a bucket with Object Lock' }),
    IsIn(CHECKPOINT_DRIVERS),
  ),
  LEDGER_CHECKPOINT_DIR: textRow('.custos/embedded/checkpoints', 'Folder of the checkpoint files (LEDGER_CHECKPOINT_DRIVER=local)'),
  S3_ENDPOINT: textRow('http://127.0.0.1:9000', 'S3 endpoint URL of the checkpoint bucket (LEDGER_CHECKPOINT_DRIVER=s3)'),
  S3_ACCESS_KEY: textRow('', 'S3 access key (LEDGER_CHECKPOINT_DRIVER=s3)', { secret: true }),
  S3_SECRET_KEY: textRow('', 'S3 secret key (LEDGER_CHECKPOINT_DRIVER=s3)', { secret: true }),
  S3_REGION: textRow('us-east-1', 'S3 region'),
  S3_BUCKET_CHECKPOINTS: textRow('custos-ledger-checkpoints', 'Bucket of the checkpoints’ write-once copies (created with Object Lock)'),
  LEDGER_CHECKPOINT_RETENTION_DAYS: settingRow(3650, IntSetting('COMPLIANCE retention of each checkpoint object (days)', { min: 30 })),
  LEDGER_CHECKPOINT_INTERVAL_MS: settingRow(5000, IntSetting('Longest time between two signed checkpoints while the log grows (ms)', { min: 100 })),
  LEDGER_GAP_GRACE_MS: settingRow(30000, IntSetting('How long a missing sequence number may be late before it raises a gap alarm (ms)', { min: 0 })),
};

/** The ledger service's settings: the common ones, its port and database, and the Merkle log's. */
export class LedgerConfig extends withSettings(serviceSettings('ledger', CommonConfig), LEDGER_SETTINGS) {}

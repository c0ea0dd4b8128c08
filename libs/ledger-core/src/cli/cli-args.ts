/** Command line of custos-verify. */
export interface CliArgs {
  readonly file: string;
  readonly trustedCheckpointFile?: string;
  readonly trustedPublicKey?: string;
  readonly json: boolean;
  /** Worker threads replaying an export; undefined: one per free core. */
  readonly threads?: number;
}

export const USAGE = `usage: custos-verify <export-or-bundle.json> [--trusted-checkpoint <file>] [--public-key <vkey>] [--json] [--threads <n>]

Verifies a Custos audit-ledger export (entries + signed checkpoints) or an evidence bundle
(entries + inclusion proofs against one signed checkpoint), offline.

  --trusted-checkpoint <file>  a signed checkpoint saved earlier; the export must extend it
  --public-key <vkey>          the log's verifier key as you know it (pinned); the file must use it
  --json                       print the result as JSON
  --threads <n>                threads replaying an export of 16 MiB or more (default: one per free
                               core, from 256 MiB; 1: this one only)

exit status: 0 everything holds under the pinned key, 1 a divergence was found, 2 unreadable
input or usage, 3 everything holds but no --public-key pinned the log key: the file was checked
against the key it names itself, which a log re-signed by anyone would name too`;

export function parseCliArgs(args: readonly string[]): CliArgs | string {
  let file: string | undefined;
  let trustedCheckpointFile: string | undefined;
  let trustedPublicKey: string | undefined;
  let json = false;
  let threads: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') {
      json = true;
    } else if (arg === '--trusted-checkpoint' || arg === '--public-key') {
      const value = args[++i];
      if (value === undefined) return `${arg} needs a value`;
      if (arg === '--trusted-checkpoint') trustedCheckpointFile = value;
      else trustedPublicKey = value.trim();
    } else if (arg === '--threads') {
      const value = args[++i];
      if (value === undefined || !/^[1-9][0-9]{0,2}$/.test(value)) return '--threads needs a whole number from 1 to 999';
      threads = Number(value);
    } else if (arg.startsWith('-')) {
      return `unknown option ${arg}`;
    } else if (file === undefined) {
      file = arg;
    } else {
      return `unexpected argument ${arg}`;
    }
  }
  if (file === undefined) return 'no input file';
  return { file, trustedCheckpointFile, trustedPublicKey, json, ...(threads === undefined ? {} : { threads }) };
}

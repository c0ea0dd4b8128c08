/**
 * custos-verify on an export package (bin/custos-verify.js dispatches a tar here): a court or a
 * receiving organ checks a package without trusting the service (R18.5). The manifest's
 * signature is checked against an export public key the verifier pins (--key, obtained out of
 * band, e.g. from GET /footage/export-key when the package was received): a key shipped inside
 * the package would prove only that someone signed it. Then every file is re-hashed, and the
 * first divergence is named.
 */
import { createPublicKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { keyIdOf } from '@custos/domain';
import { verifyExportPackage } from './verify-export-package';

export const EXIT_OK = 0;
export const EXIT_DIVERGENCE = 1;
export const EXIT_UNREADABLE = 2;

export const PACKAGE_USAGE = `usage: custos-verify <package.tar> --key <export-public-key.pem> [--json]

Verifies a Custos export package offline: the manifest's Ed25519 signature against the export
key you pin, then every file's size and SHA-256 against the signed manifest, and that the
package holds nothing the manifest does not list. Names the first divergence.

  --key <file>   the storage service's export public key (PEM), as you obtained it yourself
  --json         print the result as JSON

exit status: 0 the package holds, 1 a divergence was found, 2 unreadable input or usage`;

export interface PackageCliIo {
  out(line: string): void;
  err(line: string): void;
}

interface PackageArgs {
  readonly file: string;
  readonly keyFile: string;
  readonly json: boolean;
}

function parseArgs(argv: readonly string[]): PackageArgs | string {
  let file: string | undefined;
  let keyFile: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--key') {
      keyFile = argv[++i];
      if (keyFile === undefined) return '--key needs a value';
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else if (file === undefined) file = arg;
    else return `unexpected argument ${arg}`;
  }
  if (file === undefined) return 'no input file';
  if (keyFile === undefined) return 'a package is verified against the export key you pin: --key <export-public-key.pem>';
  return { file, keyFile, json };
}

function pinnedKey(path: string): KeyObject | string {
  try {
    const key = createPublicKey(readFileSync(path, 'utf8'));
    return key.asymmetricKeyType === 'ed25519' ? key : `${path} is not an Ed25519 public key`;
  } catch (cause) {
    return `cannot read the export key ${path}: ${(cause as Error).message}`;
  }
}

/** Runs the package verifier; resolves to the exit status. */
export async function runPackageVerifyCli(argv: readonly string[], io: PackageCliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(PACKAGE_USAGE);
    return EXIT_OK;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(`custos-verify: ${args}\n${PACKAGE_USAGE}`);
    return EXIT_UNREADABLE;
  }
  const key = pinnedKey(args.keyFile);
  if (typeof key === 'string') {
    io.err(`custos-verify: ${key}`);
    return EXIT_UNREADABLE;
  }
  const result = await verifyExportPackage(args.file, key);
  const unreadable = result.problems.some((p) => p.startsWith('package unreadable'));
  const manifest = result.manifest;
  if (args.json) {
    io.out(
      JSON.stringify({
        kind: 'export-package',
        ok: result.ok,
        keyId: keyIdOf(key),
        ...(result.ok ? {} : { firstDivergence: result.problems[0], problems: result.problems }),
        ...(manifest ? { exportId: manifest.exportId, approvalDocumentNumber: manifest.approvalDocumentNumber, files: manifest.files.length } : {}),
      }),
    );
  } else if (result.ok && manifest) {
    io.out(`OK export ${manifest.exportId}: manifest signed by export key ${keyIdOf(key)}`);
    io.out(`   exported ${manifest.exportedAt} by ${manifest.exportedBy?.organisationId} on approval document ${manifest.approvalDocumentNumber}`);
    io.out(`   ${manifest.files.length} file(s), every size and SHA-256 as the manifest says, nothing unlisted`);
  } else {
    io.out(`DIVERGENCE ${result.problems[0]}`);
    if (result.problems.length > 1) io.out(`   and ${result.problems.length - 1} more: ${result.problems.slice(1).join('; ')}`);
  }
  if (result.ok) return EXIT_OK;
  return unreadable ? EXIT_UNREADABLE : EXIT_DIVERGENCE;
}

/** The entry point bin/custos-verify.js calls for a tar. */
export function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  return runPackageVerifyCli(argv, { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) });
}

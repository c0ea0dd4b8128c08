/** Human-readable lines for a verification result. */
import { Divergence } from '../verify/divergence';
import { EvidenceBundleSummary } from '../verify/verify-bundle';
import { LedgerExportSummary } from '../verify/verify-export';

export function describeDivergence(divergence: Divergence): string {
  const where: string[] = [];
  if (divergence.entryIndex !== undefined) where.push(`index ${divergence.entryIndex}`);
  if (divergence.entryRange !== undefined) {
    where.push(`entries ${divergence.entryRange.from}..${divergence.entryRange.to - 1}`);
  }
  if (divergence.checkpointIndex !== undefined) where.push(`checkpoint #${divergence.checkpointIndex}`);
  if (divergence.trustedCheckpoint === true) where.push('trusted checkpoint');
  if (divergence.itemIndex !== undefined) where.push(`item ${divergence.itemIndex}`);
  const at = where.length > 0 ? ` at ${where.join(', ')}` : '';
  return `FAIL ${divergence.code}${at}: ${divergence.message}`;
}

/** Said whenever a file was checked against the key it names itself (issue 16). */
export const KEY_NOT_PINNED =
  'NOT PINNED: the log key was not pinned (--public-key <vkey>); the signatures were checked against the key the file names itself, so a log re-signed with any other key would pass as well';

export function describeExport(summary: LedgerExportSummary, keyPinned: boolean): string[] {
  const lines = [
    `ledger export of ${summary.origin}`,
    `  entries:      ${summary.entries}`,
    `  root:         ${summary.rootHash.toString('hex')}`,
    `  checkpoints:  ${summary.checkpoints}, signed up to size ${summary.signedSize}`,
  ];
  if (summary.trustedSize !== undefined) {
    lines.push(`  trusted:      the export extends the trusted checkpoint of size ${summary.trustedSize}`);
  }
  lines.push(
    keyPinned
      ? 'OK every checkpoint is signed by the pinned log key and matches the tree recomputed from the entries'
      : 'every checkpoint is signed by the key the file names and matches the tree recomputed from the entries',
  );
  if (summary.signedSize < summary.entries) {
    lines.push(
      `note: entries ${summary.signedSize}..${summary.entries - 1} are not yet covered by a signed checkpoint`,
    );
  }
  if (!keyPinned) lines.push(KEY_NOT_PINNED);
  return lines;
}

export function describeBundle(summary: EvidenceBundleSummary, keyPinned: boolean): string[] {
  return [
    `evidence bundle of ${summary.origin}`,
    `  checkpoint:   size ${summary.treeSize}, root ${summary.rootHash.toString('hex')}`,
    `  entries:      ${summary.leafIndices.join(', ')}`,
    keyPinned
      ? 'OK every entry is included in the checkpoint signed by the pinned log key'
      : 'every entry is included in the checkpoint signed by the key the file names',
    ...(keyPinned ? [] : [KEY_NOT_PINNED]),
  ];
}

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

export function describeExport(summary: LedgerExportSummary): string[] {
  const lines = [
    `ledger export of ${summary.origin}`,
    `  entries:      ${summary.entries}`,
    `  root:         ${summary.rootHash.toString('hex')}`,
    `  checkpoints:  ${summary.checkpoints}, signed up to size ${summary.signedSize}`,
  ];
  if (summary.trustedSize !== undefined) {
    lines.push(`  trusted:      the export extends the trusted checkpoint of size ${summary.trustedSize}`);
  }
  lines.push('OK every checkpoint is signed by the log key and matches the tree recomputed from the entries');
  if (summary.signedSize < summary.entries) {
    lines.push(
      `note: entries ${summary.signedSize}..${summary.entries - 1} are not yet covered by a signed checkpoint`,
    );
  }
  return lines;
}

export function describeBundle(summary: EvidenceBundleSummary): string[] {
  return [
    `evidence bundle of ${summary.origin}`,
    `  checkpoint:   size ${summary.treeSize}, root ${summary.rootHash.toString('hex')}`,
    `  entries:      ${summary.leafIndices.join(', ')}`,
    'OK every entry is included in the signed checkpoint',
  ];
}

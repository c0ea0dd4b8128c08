/** Opens the checkpoints an export or bundle carries, mapping failures to divergences. */
import { Checkpoint } from '../checkpoint/checkpoint';
import { NoteVerifier } from '../checkpoint/note-keys';
import { CheckpointOpenError, openCheckpoint } from '../checkpoint/signed-checkpoint';
import { err, Result } from '../result';
import { Divergence, DivergenceCode } from './divergence';

/** Where a checkpoint came from, for the report. */
export type CheckpointSource = { readonly checkpointIndex: number } | { readonly trustedCheckpoint: true };

export function describeSource(source: CheckpointSource): string {
  return 'checkpointIndex' in source ? `checkpoint #${source.checkpointIndex}` : 'the trusted checkpoint';
}

function divergenceCode(error: CheckpointOpenError): DivergenceCode {
  switch (error.code) {
    case 'NOTE_MALFORMED':
    case 'CHECKPOINT_MALFORMED':
      return 'CHECKPOINT_MALFORMED';
    case 'NOTE_SIGNATURE_INVALID':
    case 'NOTE_UNKNOWN_KEY':
      return 'CHECKPOINT_SIGNATURE_INVALID';
    case 'CHECKPOINT_ORIGIN_MISMATCH':
      return 'CHECKPOINT_ORIGIN_MISMATCH';
  }
}

export function openSourcedCheckpoint(
  note: string,
  verifier: NoteVerifier,
  origin: string,
  source: CheckpointSource,
): Result<Checkpoint, Divergence> {
  const opened = openCheckpoint(note, verifier, origin);
  if (opened.ok) return opened;
  return err({
    code: divergenceCode(opened.error),
    message: `${describeSource(source)}: ${opened.error.message} (${opened.error.code})`,
    ...source,
  });
}

/** A checkpoint as it travels: a signed note whose text is a tlog-checkpoint. */
import { err, ok, Result } from '../result';
import { Checkpoint, formatCheckpoint, parseCheckpoint } from './checkpoint';
import { NoteSigner, NoteVerifier } from './note-keys';
import { NoteErrorCode, signNote, verifyNote } from './signed-note';

export type CheckpointOpenErrorCode = NoteErrorCode | 'CHECKPOINT_MALFORMED' | 'CHECKPOINT_ORIGIN_MISMATCH';

export interface CheckpointOpenError {
  readonly code: CheckpointOpenErrorCode;
  readonly message: string;
}

export function signCheckpoint(checkpoint: Parameters<typeof formatCheckpoint>[0], signer: NoteSigner): string {
  return signNote(formatCheckpoint(checkpoint), signer);
}

/**
 * Verifies the note's signature by `verifier`, then reads the checkpoint and checks that it
 * speaks for `origin`: a valid signature on another log's checkpoint proves nothing here.
 */
export function openCheckpoint(
  note: string,
  verifier: NoteVerifier,
  origin: string,
): Result<Checkpoint, CheckpointOpenError> {
  const opened = verifyNote(note, [verifier]);
  if (!opened.ok) return opened;
  const checkpoint = parseCheckpoint(opened.value.text);
  if (!checkpoint.ok) return checkpoint;
  if (checkpoint.value.origin !== origin) {
    return err({
      code: 'CHECKPOINT_ORIGIN_MISMATCH',
      message: `checkpoint is for origin "${checkpoint.value.origin}", expected "${origin}"`,
    });
  }
  return ok(checkpoint.value);
}

import { EMPTY_ROOT } from '../merkle/hashing';
import { ORIGIN, testKeys } from '../test-support/keys';
import { signNote } from './signed-note';
import { openCheckpoint, signCheckpoint } from './signed-checkpoint';

const log = testKeys();

describe('signed checkpoints', () => {
  it('opens a checkpoint signed by the log key for its origin', () => {
    const note = signCheckpoint({ origin: ORIGIN, size: 0, rootHash: EMPTY_ROOT }, log.signer);
    expect(openCheckpoint(note, log.verifier, ORIGIN)).toEqual({
      ok: true,
      value: { origin: ORIGIN, size: 0, rootHash: EMPTY_ROOT, extensions: [] },
    });
  });

  it('refuses a validly signed checkpoint of another origin', () => {
    const note = signCheckpoint({ origin: 'other.log/x', size: 0, rootHash: EMPTY_ROOT }, log.signer);
    expect(openCheckpoint(note, log.verifier, ORIGIN)).toMatchObject({
      ok: false,
      error: { code: 'CHECKPOINT_ORIGIN_MISMATCH' },
    });
  });

  it('refuses a validly signed note that is not a checkpoint', () => {
    expect(openCheckpoint(signNote('hello\n', log.signer), log.verifier, ORIGIN)).toMatchObject({
      ok: false,
      error: { code: 'CHECKPOINT_MALFORMED' },
    });
  });
});

import { formatCheckpoint, parseCheckpoint } from './checkpoint';

const ROOT = Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64');
const SPEC_EXAMPLE = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

describe('tlog-checkpoint text', () => {
  it('formats the C2SP specification example byte for byte', () => {
    expect(formatCheckpoint({ origin: 'example.com/behind-the-sofa', size: 20852163, rootHash: ROOT })).toBe(
      SPEC_EXAMPLE,
    );
  });

  it('parses what it formats, extension lines included', () => {
    const text = formatCheckpoint({ origin: 'o', size: 0, rootHash: ROOT, extensions: ['ext one', 'ext two'] });
    expect(parseCheckpoint(text)).toEqual({
      ok: true,
      value: { origin: 'o', size: 0, rootHash: ROOT, extensions: ['ext one', 'ext two'] },
    });
  });

  it.each([
    ['no final newline', SPEC_EXAMPLE.slice(0, -1)],
    ['a missing root line', 'example.com/behind-the-sofa\n20852163\n'],
    ['an empty origin', '\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a size with a leading zero', 'o\n01\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a signed size', 'o\n+1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a size beyond 2^53', 'o\n9007199254740993\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a short root hash', 'o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jx\n'],
    ['a root in URL-safe base64', 'o\n1\nCsUYapGGPo4dkMgIAUqom_Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['an empty extension line', `${SPEC_EXAMPLE}\n`],
    ['a carriage return', 'o\r\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
  ])('refuses a checkpoint with %s', (_label, text) => {
    expect(parseCheckpoint(text)).toMatchObject({ ok: false, error: { code: 'CHECKPOINT_MALFORMED' } });
  });

  it('refuses to format what could not be parsed back as the same checkpoint', () => {
    expect(() => formatCheckpoint({ origin: 'evil\n999', size: 1, rootHash: ROOT })).toThrow(TypeError);
    expect(() => formatCheckpoint({ origin: 'o', size: -1, rootHash: ROOT })).toThrow(TypeError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: ROOT.subarray(1) })).toThrow(TypeError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: ROOT, extensions: [''] })).toThrow(TypeError);
  });
});

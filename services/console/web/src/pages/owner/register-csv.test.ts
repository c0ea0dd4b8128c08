import { describe, expect, it } from 'vitest';
import { csvCell, filterRegister, registerCsv, type RegisterEntry } from './register-csv';

const entry = (over: Partial<RegisterEntry>): RegisterEntry => ({
  entryId: 'e',
  at: '2026-12-05T01:00:00.000Z',
  accessKind: 'COPY',
  requestingOrganisationId: 'org-psb-yanta',
  persons: [],
  purpose: '',
  approvalDocumentNumber: null,
  cameraIds: [],
  endedAt: null,
  bytes: null,
  sha256: null,
  ...over,
});

describe('the access register as CSV and filters (R16.6)', () => {
  it('starts with the UTF-8 byte-order mark, so that Excel reads the Chinese, with CRLF lines', () => {
    const csv = registerCsv(['时间', '申请单位'], [['2026-12-05 09:00:00', '雁塔分局']]);
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.slice(1)).toBe('时间,申请单位\r\n2026-12-05 09:00:00,雁塔分局\r\n');
  });

  it('quotes commas, quotes and line breaks, and defuses a cell a spreadsheet would run as a formula', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
  });

  it('filters by time (from inclusive, to exclusive), requesting unit and kind', () => {
    const rows = [
      entry({ entryId: 'a', at: '2026-12-05T00:00:00.000Z' }),
      entry({ entryId: 'b', at: '2026-12-05T02:00:00.000Z', accessKind: 'VIEW' }),
      entry({ entryId: 'c', at: '2026-12-05T03:00:00.000Z', requestingOrganisationId: 'org-psb-beilin' }),
    ];
    const ids = (f: Parameters<typeof filterRegister>[1]) => filterRegister(rows, f).map((e) => e.entryId);
    expect(ids({})).toEqual(['a', 'b', 'c']);
    expect(ids({ from: '2026-12-05T00:00:00.000Z', to: '2026-12-05T02:00:00.000Z' })).toEqual(['a']);
    expect(ids({ kind: 'VIEW' })).toEqual(['b']);
    expect(ids({ organisationId: 'org-psb-beilin' })).toEqual(['c']);
  });
});

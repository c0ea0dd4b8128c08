/**
 * The access register (R16.6) as people read it: rows with names, filtered by time, unit and
 * kind, and the CSV a spreadsheet opens correctly (UTF-8 with a byte-order mark, so Excel does
 * not read the Chinese as mojibake; CRLF lines; RFC 4180 quoting). Pure, for the page and its test.
 */
export interface RegisterEntry {
  readonly entryId: string;
  readonly at: string;
  readonly accessKind: string;
  readonly requestingOrganisationId: string;
  readonly persons: readonly { personId: string; credentialNumber: string }[];
  readonly purpose: string;
  readonly approvalDocumentNumber: string | null;
  readonly cameraIds: readonly string[];
  readonly endedAt: string | null;
  readonly bytes: number | null;
  readonly sha256: string | null;
}

export interface RegisterFilter {
  /** Instants (ISO), inclusive from, exclusive to. */
  readonly from?: string;
  readonly to?: string;
  readonly organisationId?: string;
  readonly kind?: string;
}

export function filterRegister<E extends RegisterEntry>(entries: readonly E[], f: RegisterFilter): E[] {
  const from = f.from ? Date.parse(f.from) : -Infinity;
  const to = f.to ? Date.parse(f.to) : Infinity;
  return entries.filter((e) => {
    const at = Date.parse(e.at);
    return (
      at >= from &&
      at < to &&
      (!f.organisationId || e.requestingOrganisationId === f.organisationId) &&
      (!f.kind || e.accessKind === f.kind)
    );
  });
}

/** The byte-order mark Excel needs to read a CSV as UTF-8. */
export const UTF8_BOM = '\uFEFF';

/** One cell: RFC 4180 quoting; a cell a spreadsheet would run as a formula is prefixed with an apostrophe. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The CSV text: BOM, header, then one CRLF line a row. */
export function registerCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return UTF8_BOM + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

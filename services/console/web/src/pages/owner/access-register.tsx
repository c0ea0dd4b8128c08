import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { listOf, useLocale, withNote } from '../../i18n';
import type { PageProps } from '../../pages';
import { linkProps } from '../../router';
import { formatInstant, localToUtc } from '../../time';
import { useNames, type Names } from '../officer/officer-ui';
import { owt, owtOf } from './owner-messages';
import { useCameraNames } from './use-camera-names';
import { filterRegister, registerCsv, type RegisterEntry, type RegisterFilter } from './register-csv';
import { PageTitle } from '../../page-title';

const KINDS = ['VIEW', 'COPY', 'RETRIEVE', 'DELIVERY', 'DIRECT_ACCESS'];

/** The whole register in my scope, page by page (custody answers at most 500 a page). */
function useRegister() {
  return useQuery({
    queryKey: ['access-register'],
    queryFn: async () => {
      const all: RegisterEntry[] = [];
      let cursor: string | undefined;
      do {
        const page = unwrap(
          await api.custody.GET('/access-register', {
            params: { query: { limit: 500, ...(cursor ? { cursor } : {}) } },
          }),
        );
        all.push(...(page.items as RegisterEntry[]));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all;
    },
  });
}

/** The filter as the query string carries it (Beijing local times), so the printable register shows the same rows. */
function filterOf(search: string): RegisterFilter & { fromLocal?: string; toLocal?: string } {
  const q = new URLSearchParams(search);
  const fromLocal = q.get('from') ?? undefined;
  const toLocal = q.get('to') ?? undefined;
  return {
    ...(fromLocal ? { fromLocal, from: localToUtc(fromLocal) } : {}),
    ...(toLocal ? { toLocal, to: localToUtc(toLocal) } : {}),
    ...(q.get('unit') ? { organisationId: q.get('unit')! } : {}),
    ...(q.get('kind') ? { kind: q.get('kind')! } : {}),
  };
}

const HEADER = () => [
  owt('register.col.at'),
  owt('register.col.kind'),
  owt('register.col.unit'),
  owt('register.col.persons'),
  owt('register.col.purpose'),
  owt('register.col.document'),
  owt('register.col.cameras'),
  owt('register.col.ended'),
];

/** One entry as people read it: Beijing times, names, credentials. */
function cells(e: RegisterEntry, names: Names, camera: (id: string) => string): string[] {
  return [
    formatInstant(e.at),
    owtOf('registerKind', e.accessKind),
    names(e.requestingOrganisationId) ?? owt('common.unknown'),
    listOf(e.persons.map((p) => withNote(names(p.personId) ?? owt('common.unknown'), p.credentialNumber))),
    e.purpose,
    e.approvalDocumentNumber ?? '',
    listOf(e.cameraIds.map(camera)),
    e.endedAt ? formatInstant(e.endedAt) : '',
  ];
}

function useRegisterRows(filter: RegisterFilter) {
  const register = useRegister();
  const all = register.data ?? [];
  const names = useNames(all.flatMap((e) => [e.requestingOrganisationId, ...e.persons.map((p) => p.personId)]));
  const camera = useCameraNames(all.flatMap((e) => e.cameraIds));
  const rows = filterRegister(all, filter);
  return { register, all, names, rows: rows.map((e) => ({ key: e.entryId, cells: cells(e, names, camera) })) };
}

/** One filter of the register: a clearable choice, its label read out by screen readers. */
function FilterSelect(p: {
  label: string;
  placeholder: string;
  width: number;
  value?: string;
  onChange: (v?: string) => void;
  options: { value: string; label: string }[];
}) {
  return (
    <Select
      aria-label={p.label}
      placeholder={p.placeholder}
      allowClear
      style={{ width: p.width }}
      value={p.value}
      onChange={p.onChange}
      options={p.options}
    />
  );
}

function download(csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'access-register.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type PageFilter = ReturnType<typeof filterOf>;

/** The filter as the printable register's query string, in the reader's local times. */
function printQueryOf(filter: PageFilter): string {
  return new URLSearchParams({
    ...(filter.fromLocal ? { from: filter.fromLocal } : {}),
    ...(filter.toLocal ? { to: filter.toLocal } : {}),
    ...(filter.organisationId ? { unit: filter.organisationId } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
  }).toString();
}

/** One bound of the period, in the reader's local time. */
function PeriodInput({
  which,
  value,
  onChange,
}: {
  which: 'from' | 'to';
  value: string | undefined;
  onChange: (which: 'from' | 'to', value: string) => void;
}) {
  return (
    <label>
      {owt(which === 'from' ? 'register.from' : 'register.to')}{' '}
      <Input
        type="datetime-local"
        style={{ width: 200 }}
        value={value ?? ''}
        onChange={(e) => onChange(which, e.target.value)}
      />
    </label>
  );
}

/**
 * The access register of my systems (R16.6): every view, copy, retrieval and delivery with the
 * requesting unit, the persons and their credentials, the time and the purpose, by name;
 * filtered by time, unit and kind; as CSV (UTF-8 with BOM) or a printable register.
 */
export default function AccessRegisterPage(_: PageProps) {
  useLocale();
  const [filter, setFilter] = useState(() => filterOf(window.location.search));
  const { register, all, names, rows } = useRegisterRows(filter);
  const units = [...new Set(all.map((e) => e.requestingOrganisationId))];
  const query = printQueryOf(filter);
  const setLocal = (which: 'from' | 'to', value: string) =>
    setFilter((f) => ({ ...f, [`${which}Local`]: value || undefined, [which]: value ? localToUtc(value) : undefined }));
  const header = HEADER();
  // The clearable filters besides the period: by requesting unit, by kind of access.
  const choices = [
    { field: 'organisationId', label: owt('register.col.unit'), placeholder: owt('register.allUnits'), width: 260, options: units.map((u) => ({ value: u, label: names(u) ?? u })) },
    { field: 'kind', label: owt('register.col.kind'), placeholder: owt('register.allKinds'), width: 140, options: KINDS.map((k) => ({ value: k, label: owtOf('registerKind', k) })) },
  ] as const;
  return (
    <Card>
      <PageTitle>{owt('register.title')}</PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <PeriodInput which="from" value={filter.fromLocal} onChange={setLocal} />
        <PeriodInput which="to" value={filter.toLocal} onChange={setLocal} />
        {choices.map((c) => (
          <FilterSelect key={c.field} {...c} value={filter[c.field]} onChange={(v) => setFilter((f) => ({ ...f, [c.field]: v }))} />
        ))}
        <Button
          onClick={() =>
            download(
              registerCsv(
                header,
                rows.map((r) => r.cells),
              ),
            )
          }
          disabled={register.isLoading}
        >
          {owt('register.csv')}
        </Button>
        <a {...linkProps(`/owner/access-register/print${query ? `?${query}` : ''}`)}>{owt('register.print')}</a>
      </Space>
      <Table
        rowKey="key"
        size="small"
        loading={register.isLoading}
        dataSource={rows}
        locale={{ emptyText: owt('register.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={header.map((title, i) => ({
          title,
          key: String(i),
          render: (_: unknown, r: { cells: string[] }) => r.cells[i],
        }))}
      />
    </Card>
  );
}

/** The same rows as a plain A4 register to print (frame `bare`: no menu). */
export function PrintableRegister(_: PageProps) {
  useLocale();
  const filter = filterOf(window.location.search);
  const { register, rows } = useRegisterRows(filter);
  const header = HEADER();
  return (
    <main style={{ padding: 24, fontSize: 12 }}>
      <h1 style={{ fontSize: 20, textAlign: 'center' }}>{owt('register.title')}</h1>
      <p>
        {owt('register.printedAt', { at: formatInstant(new Date()) })}
        {filter.fromLocal || filter.toLocal ? ` · ${filter.fromLocal ?? '…'} – ${filter.toLocal ?? '…'}` : ''}
        <button type="button" className="no-print" style={{ marginLeft: 16 }} onClick={() => window.print()}>
          {owt('register.printNow')}
        </button>
      </p>
      <style>
        {
          '@media print { .no-print { display: none } } table.register td, table.register th { border: 1px solid #999; padding: 2px 4px; vertical-align: top }'
        }
      </style>
      <table className="register" style={{ borderCollapse: 'collapse', width: '100%' }}>
        <thead>
          <tr>
            {header.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {register.isLoading
            ? null
            : rows.map((r) => (
                <tr key={r.key}>
                  {r.cells.map((c, i) => (
                    <td key={i}>{c}</td>
                  ))}
                </tr>
              ))}
        </tbody>
      </table>
      <p>{owt('register.count', { n: rows.length })}</p>
    </main>
  );
}

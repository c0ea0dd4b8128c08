import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/oversight';

/** Oversight's answers as its OpenAPI document types them (services/oversight, issue 20). */
export type AnomalyReport = components['schemas']['AnomalyReportDto'];
export type AnomalyFigure = components['schemas']['AnomalyFigureDto'];
export type JurisdictionReport = components['schemas']['JurisdictionReportDto'];
export type ReportRow = components['schemas']['ReportRowDto'];
export type LedgerEvidence = components['schemas']['EvidenceDto'];

export interface Period {
  readonly from: string;
  readonly to: string;
}

/** The period a page opens on: the last 30 days, to the next midnight in Beijing time. */
export function defaultPeriod(now = new Date()): Period {
  const day = 24 * 3600 * 1000;
  const beijingMidnight = Math.ceil((now.getTime() + 8 * 3600 * 1000) / day) * day - 8 * 3600 * 1000;
  return { from: new Date(beijingMidnight - 30 * day).toISOString(), to: new Date(beijingMidnight).toISOString() };
}

/** The period a print page or a link names in its query, else the default. */
export function periodOfSearch(search: string): Period {
  const q = new URLSearchParams(search);
  const from = q.get('from');
  const to = q.get('to');
  return from && to ? { from, to } : defaultPeriod();
}

export function useAnomalies(period: Period) {
  return useQuery({
    queryKey: ['oversight-anomalies', period],
    queryFn: async () => unwrap(await api.oversight.GET('/anomalies', { params: { query: period } })),
  });
}

export function useJurisdictionReport(period: Period) {
  return useQuery({
    queryKey: ['oversight-report', period],
    queryFn: async () => unwrap(await api.oversight.GET('/reports', { params: { query: period } })),
  });
}

/** A ledger entry as a reader looks it up: `service#sequence`. */
export function entryLabel(e: Pick<LedgerEvidence, 'service' | 'sequence'>): string {
  return `${e.service}#${e.sequence}`;
}

/** The organ a report key starts with (`<organ>/<kind or month>`). */
export function organOfKey(key: string): string {
  return key.slice(0, key.indexOf('/'));
}

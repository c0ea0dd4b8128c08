import type { QueryClient } from '@tanstack/react-query';
import { createElement, lazy, type ComponentType } from 'react';
import type { MessageKey } from './i18n';
import { matchPath } from './router';
import type { Role } from './session';

/**
 * Every page of the console, in one list. To add a page: write `pages/<name>.tsx` with a
 * default-exported component, then add an entry here. `menu` puts it in the side menu under
 * its group, shown to people holding one of `roles`; pages without `menu` are reachable by
 * link only (e.g. `/requests/:id`; the component receives the `:id` in `params`).
 */
export type MenuGroup = 'officer' | 'head' | 'operator' | 'oversight';

export interface PageProps {
  readonly params: Record<string, string>;
}

export interface PageDef {
  readonly path: string;
  readonly title: MessageKey;
  readonly component: ComponentType<PageProps>;
  /** Who may open it; omitted = anyone signed in. */
  readonly roles?: readonly Role[];
  readonly menu?: { readonly group: MenuGroup | 'top'; readonly order?: number };
  /** `bare`: signed in, without the menu frame (a page to print); `public`: no sign-in either (a QR code's target). */
  readonly frame?: 'bare' | 'public';
  /** Fetches the page's code ahead of the click: the shell calls it, once idle, for the menu pages the person may open. */
  readonly preload?: () => Promise<unknown>;
  /** Starts the page's first data request on the menu click, before the page has rendered. */
  readonly prefetch?: (client: QueryClient) => void;
  /** The inbox count its menu entry carries as a badge (`shell/inbox.ts`; e.g. an owner's fulfilment queue: 'fulfilment'). */
  readonly inbox?: 'coSign' | 'approval' | 'fulfilment' | 'receipt' | 'escalated';
}

/**
 * A code-split page that renders without suspending once its code is in: a lazy component
 * suspends on its first render even when its import has long resolved, and React 19 then holds
 * the fallback ~300 ms before showing the page (measured: the queue's rows at 400 ms, data at 130).
 */
function preloadable<M extends { default: ComponentType<PageProps> }>(load: () => Promise<M>) {
  let loaded: M | undefined;
  const preload = () => load().then((m) => (loaded = m));
  const Lazy = lazy(preload);
  const component = (props: PageProps) => createElement(loaded ? loaded.default : Lazy, props);
  return { component, preload, loaded: () => loaded };
}

/** The approval queue: its code fetched while the head reads the home page, so the click waits only for data. */
const queuePage = preloadable(() => import('./pages/head/queue'));
/**
 * The queue's first page asked for within the click itself once the code is in, with no promise
 * step before the request (the navigation's render would run first).
 */
const prefetchQueue = (client: QueryClient) => {
  const loaded = queuePage.loaded();
  if (loaded) loaded.prefetchQueue(client);
  else void queuePage.preload().then((m) => m.prefetchQueue(client));
};

export const MENU_GROUPS: readonly { group: MenuGroup; title: MessageKey; roles: readonly Role[] }[] = [
  { group: 'officer', title: 'menu.officer', roles: ['OFFICER'] },
  { group: 'head', title: 'menu.head', roles: ['APPROVER'] },
  { group: 'operator', title: 'menu.operator', roles: ['OWNER_OPERATOR', 'REGISTRY_ADMIN'] },
  { group: 'oversight', title: 'menu.oversight', roles: ['OVERSIGHT', 'REGISTRY_ADMIN'] },
];

export const PAGES: PageDef[] = [
  { path: '/', title: 'menu.home', component: lazy(() => import('./pages/home')), menu: { group: 'top', order: 0 } },
  // Officer pages: file, co-sign, my requests with their timelines, viewing, hand-over.
  { path: '/officer/file', title: 'menu.officer.file', roles: ['OFFICER'], component: lazy(() => import('./pages/officer/file-request')), menu: { group: 'officer', order: 1 } },
  { path: '/officer/co-sign', title: 'menu.officer.coSign', roles: ['OFFICER'], component: lazy(() => import('./pages/officer/co-sign-inbox')), menu: { group: 'officer', order: 2 }, inbox: 'coSign' },
  { path: '/officer/requests', title: 'menu.officer.requests', roles: ['OFFICER'], component: lazy(() => import('./pages/officer/my-requests')), menu: { group: 'officer', order: 3 } },
  { path: '/officer/requests/:id', title: 'menu.officer.request', roles: ['OFFICER'], component: lazy(() => import('./pages/officer/request-detail')) },
  { path: '/officer/viewing', title: 'menu.officer.viewing', roles: ['OFFICER'], component: lazy(() => import('./pages/officer/viewing')), menu: { group: 'officer', order: 4 } },
  { path: '/officer/hand-over', title: 'menu.officer.handOver', roles: ['OFFICER'], component: lazy(() => import('./pages/officer/hand-over')), menu: { group: 'officer', order: 5 }, inbox: 'receipt' },
  // Head pages: the approval queue, a case, the printable approval document, its public verification.
  { path: '/head/queue', title: 'menu.head.queue', roles: ['APPROVER'], component: queuePage.component, preload: queuePage.preload, prefetch: prefetchQueue, menu: { group: 'head', order: 10 }, inbox: 'approval' },
  // The supervising PSB's escalated requests (R16.5): beside the head's queue, with its inbox count.
  { path: '/head/escalations', title: 'menu.head.escalations', roles: ['APPROVER', 'OVERSIGHT'], component: lazy(() => import('./pages/head/escalations')), menu: { group: 'head', order: 11 }, inbox: 'escalated' },
  { path: '/head/cases/:requestId', title: 'menu.head.case', roles: ['APPROVER'], component: lazy(() => import('./pages/head/case')) },
  {
    path: '/documents/:requestId',
    title: 'menu.head.document',
    roles: ['APPROVER', 'OFFICER', 'OWNER_OPERATOR', 'OVERSIGHT'],
    component: lazy(() => import('./pages/head/document')),
    frame: 'bare',
  },
  // Owner pages (issue 18): the fulfilment queue, verifying a presented document, export with progress, hand-over.
  { path: '/owner/queue', title: 'menu.owner.queue', roles: ['OWNER_OPERATOR'], component: lazy(() => import('./pages/owner/fulfilment-queue')), menu: { group: 'operator', order: 1 } },
  { path: '/owner/verify', title: 'menu.owner.verify', roles: ['OWNER_OPERATOR'], component: lazy(() => import('./pages/owner/verify-document')), menu: { group: 'operator', order: 2 } },
  { path: '/owner/export/:requestId', title: 'menu.owner.export', roles: ['OWNER_OPERATOR'], component: lazy(() => import('./pages/owner/export')) },
  { path: '/owner/hand-over/:exportId', title: 'menu.owner.handOver', roles: ['OWNER_OPERATOR'], component: lazy(() => import('./pages/owner/hand-over')) },
  { path: '/owner/access-register', title: 'menu.owner.register', roles: ['OWNER_OPERATOR'], component: lazy(() => import('./pages/owner/access-register')), menu: { group: 'operator', order: 3 } },
  { path: '/owner/access-register/print', title: 'menu.owner.register', roles: ['OWNER_OPERATOR'], component: lazy(() => import('./pages/owner/access-register-print')), frame: 'bare' },
  { path: '/owner/viewing', title: 'menu.owner.viewing', roles: ['OWNER_OPERATOR'], component: lazy(() => import('./pages/owner/viewing-sessions')), menu: { group: 'operator', order: 4 } },
  { path: '/owner/systems', title: 'menu.owner.systems', roles: ['OWNER_OPERATOR'], component: lazy(() => import('./pages/owner/systems')), menu: { group: 'operator', order: 5 } },
  { path: '/owner/upload', title: 'menu.owner.upload', roles: ['OWNER_OPERATOR'], component: lazy(() => import('./pages/owner/upload')), menu: { group: 'operator', order: 6 } },
  { path: '/verify', title: 'menu.head.verify', component: lazy(() => import('./pages/head/verify')), frame: 'public' },
  // Oversight pages (issue 18): verify a bundle or export in the browser (also signed out, for a court).
  { path: '/oversight/ledger', title: 'menu.oversight.ledger', roles: ['OVERSIGHT'], component: lazy(() => import('./pages/oversight/explorer')), menu: { group: 'oversight', order: 10 } },
  { path: '/oversight/evidence', title: 'menu.oversight.evidence', roles: ['OVERSIGHT'], component: lazy(() => import('./pages/oversight/evidence-list')), menu: { group: 'oversight', order: 30 } },
  { path: '/oversight/refusals', title: 'menu.oversight.refusals', roles: ['OVERSIGHT'], component: lazy(() => import('./pages/oversight/refusals')), menu: { group: 'oversight', order: 40 } },
  { path: '/oversight/evidence/:evidenceItemId', title: 'menu.oversight.evidence', roles: ['OVERSIGHT'], component: lazy(() => import('./pages/oversight/evidence-timeline')) },
  {
    path: '/oversight/evidence/:evidenceItemId/report',
    title: 'menu.oversight.evidence',
    roles: ['OVERSIGHT'],
    component: lazy(() => import('./pages/oversight/custody-report')),
    frame: 'bare',
  },
  // Oversight pages (issue 20): anomaly figures with their ledger entries, reports with their PDF and CSV.
  { path: '/oversight/anomalies', title: 'menu.oversight.anomalies', roles: ['OVERSIGHT'], component: lazy(() => import('./pages/oversight/anomalies')), menu: { group: 'oversight', order: 40 } },
  { path: '/oversight/reports', title: 'menu.oversight.reports', roles: ['OVERSIGHT'], component: lazy(() => import('./pages/oversight/reports')), menu: { group: 'oversight', order: 50 } },
  { path: '/oversight/reports/print', title: 'menu.oversight.reports', roles: ['OVERSIGHT'], component: lazy(() => import('./pages/oversight/report-print')), frame: 'bare' },
  { path: '/oversight/verify', title: 'menu.oversight.verify', roles: ['OVERSIGHT'], component: lazy(() => import('./pages/oversight/verify')), menu: { group: 'oversight', order: 20 } },
  // Supervision (issue 20): mandatory sites without a system (R7.1, R7.2), the change-report queue (R15.1), signage (R11.1).
  { path: '/oversight/sites', title: 'menu.oversight.sites', roles: ['OVERSIGHT', 'REGISTRY_ADMIN'], component: lazy(() => import('./pages/oversight/mandatory-sites')), menu: { group: 'oversight', order: 40 } },
  { path: '/oversight/changes', title: 'menu.oversight.changes', roles: ['OVERSIGHT', 'REGISTRY_ADMIN'], component: lazy(() => import('./pages/oversight/change-reports')), menu: { group: 'oversight', order: 50 } },
  { path: '/oversight/signage', title: 'menu.oversight.signage', roles: ['OVERSIGHT', 'REGISTRY_ADMIN'], component: lazy(() => import('./pages/oversight/signage-history')), menu: { group: 'oversight', order: 60 } },
  { path: '/verify-ledger', title: 'menu.oversight.verify', component: lazy(() => import('./pages/oversight/verify')), frame: 'public' },
];

/** A page anyone may open signed out (a QR code's target). */
export function isPublicPage(path: string): boolean {
  return PAGES.some((p) => p.frame === 'public' && matchPath(p.path, path) !== null);
}

export function mayOpen(page: Pick<PageDef, 'roles'>, roles: readonly Role[]): boolean {
  return !page.roles || page.roles.some((r) => roles.includes(r));
}

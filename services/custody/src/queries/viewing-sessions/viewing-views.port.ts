import { Principal } from '@custos/auth';
import type { Page, PageRequestDto } from '@custos/platform';
import type { Result, ViewRequest } from '@custos/domain';
import type { SessionViewBase } from '../../shared/session-read-model';

export interface ViewingSessionView extends SessionViewBase {
  readonly status: 'OPEN' | 'CLOSED';
  readonly ownerOrganisationId: string;
  readonly coSigners: readonly { personId: string; credentialNumber: string }[];
  readonly joined: readonly { personId: string; credentialNumber: string }[];
  readonly window: { readonly from: string; readonly to: string };
  readonly viewingStartedAt: string | null;
  readonly closeReason: string | null;
  readonly closedAt: string | null;
}

/** Viewing sessions as the caller may see them (R3.1, R5.1), caught up with the log first. */
export abstract class ViewingSessionViews {
  abstract sessions(principal: Principal, sessionId: string): Promise<ViewingSessionView[]>;
  /** The one session, or its not-found refusal (R3.1). */
  abstract session(principal: Principal, sessionId: string): Promise<Result<ViewingSessionView>>;
  /** A page of them, newest first. */
  abstract sessionsPage(principal: Principal, paging: PageRequestDto): Promise<Page<ViewingSessionView>>;
}

/** The co-signed VIEW requests naming an owner's systems: what its operator may open a session for (R18.1). */
export abstract class CoSignedViewRequests {
  abstract coSignedFor(ownerOrganisationId: string, paging: PageRequestDto): Promise<Page<ViewRequest>>;
}

export * from './result';
export * from './errors';
export * from './regulation-rules';
export * from './shared/time-window';

export * from './organisation/organisation-type';
export * from './organisation/division-code';
export * from './organisation/organisation';
export * from './organisation/head-term';

export * from './officers/qualification';
export * from './officers/officer';

export * from './registry/site-category';
export * from './registry/camera-location';
export * from './registry/image-system';
export * from './registry/facility-change-report';
export * from './registry/mandatory-site';
export * from './registry/backdating';
export * from './calendar/statutory-period';

export * from './requests/request-kind';
export * from './requests/request-window';
export * from './requests/officer-policy';
export * from './requests/co-signature';
export * from './requests/fee';

export * from './approvals/territorial-competence';
export * from './approvals/approval-route';
export * from './approvals/competent-approver';
export * from './approvals/approval-document';
export * from './approvals/approval-document-signature';
export * from './approvals/approval-document-qr';
export * from './approvals/authorised-organ';

export * from './storage/retention';
export * from './storage/original-record';
export * from './storage/footage-segments';
export * from './officers/credential-shown';
export * from './officers/operator-training';

export * from './rule-packs/rule-pack';
export * from './rule-packs/sx2012';
export * from './rule-packs/cn2025';
export * from './rule-packs/select-rule-pack';
export * from './rule-packs/publication';
export * from './rule-packs/rule-pack-settings';
export * from './oversight';
export * from './requests/fulfilment-deadline';
export * from './custody/viewing-limit';
export * from './custody/transfer-target';
export * from './custody/viewing-session';
export * from './custody/custody-errors';
export * from './custody/evidence-item';
export * from './custody/package-approval';
export * from './custody/direct-access-session';

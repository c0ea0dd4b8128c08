/** Where the auditor's pinned ledger key is kept in this browser (their say, not the server's). */
export const PINNED_KEY_STORAGE = 'custos.ledger.pinnedKey';

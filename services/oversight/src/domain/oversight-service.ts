/** The service's name: its events' source, its ledger entries' service. */
export const OVERSIGHT_SERVICE = 'oversight';

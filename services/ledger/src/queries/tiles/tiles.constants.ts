/** The C2SP prefix of the log under the service: `<prefix>/checkpoint`, `<prefix>/tile/…`. */
export const TILES_PREFIX = 'ledger/tlog';

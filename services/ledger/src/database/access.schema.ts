/**
 * The ledger's access index (R5.1): who is involved in each aggregate, and where each
 * organisation sits. It is a projection of `ledger_leaves`, filled by `LedgerAccessIndex`
 * after the fact, never by the ingest. Unlike the log it may change, and it can be rebuilt:
 * empty these tables and set `next_leaf` to 0, and the next pass reads the log again.
 *
 * - `ledger_access_aggregate_orgs`: organisations involved in an aggregate (actors and
 *   organisations named in payloads).
 * - `ledger_access_aggregate_divisions`: division codes named in an aggregate's payloads.
 * - `ledger_access_organisations`: every organisation seen, with its division once the
 *   registry's `registry.OrganisationRegistered` has been read (NULL until then).
 * - `ledger_access_divisions`: every division code named in a payload. With the
 *   organisations, what a whole-log reader's jurisdiction must cover.
 * - `ledger_access_aggregate_refs`: image systems (`SYSTEM`) and cameras (`CAMERA`) an
 *   aggregate's payloads name, so that an aggregate whose payloads carry no division (a footage
 *   segment) is placed where its system stands.
 * - `ledger_access_systems`, `ledger_access_cameras`: where each system stands and which system
 *   each camera belongs to, from the registry's `ImageSystemRegistered` and `CameraRegistered`.
 * - `ledger_access_progress`: the next leaf to read and the version of the rules that built the
 *   index (one row). A change of those rules is a migration that empties the index and sets
 *   `next_leaf` to 0 (see `../migrations/0001-initial.ts`, which rebuilt a version-1 index).
 *
 * The tables are made by the ledger's migrations.
 */
export const ACCESS_INDEX_TABLES = [
  'ledger_access_aggregate_orgs',
  'ledger_access_aggregate_divisions',
  'ledger_access_organisations',
  'ledger_access_divisions',
  'ledger_access_aggregate_refs',
  'ledger_access_systems',
  'ledger_access_cameras',
] as const;

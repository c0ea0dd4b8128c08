import { Pool } from 'pg';

/** Requesting organs of the test world (libs/testing's Xi'an): id, type, division. */
export const WORLD_REQUESTERS: readonly (readonly [string, string, string])[] = [
  ['psb-yanta', 'PUBLIC_SECURITY', '610113'],
  ['station-yanta', 'PUBLIC_SECURITY', '610113001'],
  ['ss-yanta', 'STATE_SECURITY', '610113'],
  ['market-yanta', 'OTHER_ADMIN', '610113'],
  ['psb-beilin', 'PUBLIC_SECURITY', '610103'],
];

/**
 * `rows` approval cases written straight into the read model (a tenth already approved), spread
 * over the requesters, the three kinds and their routes, opened a quarter second apart: the
 * queue a busy province's heads would face. For benchmarks only.
 */
export async function seedApprovalQueue(pool: Pool, rows: number, requesters = WORLD_REQUESTERS, cameraId = 'cam-mall-1'): Promise<void> {
  await pool.query(
    `INSERT INTO ap_cases (request_id, version, kind, status, requester_organisation_id, requester_organisation_type,
       requester_division_code, route_rule, approver_org_types, min_level_rank, must_be_org_id, jurisdiction_must_contain,
       signer_person_ids, camera_ids, image_system_ids, owner_organisation_ids, window_from, window_to, case_reference, purpose, opened_at)
     SELECT gen_random_uuid()::text, 1, (ARRAY['COPY','RETRIEVE','DIRECT_ACCESS'])[1 + i % 3],
       CASE WHEN i % 10 = 0 THEN 'APPROVED' ELSE 'OPEN' END,
       r.id, r.type, r.division, CASE WHEN i % 3 = 2 THEN 'R17.4' WHEN r.type = 'STATE_SECURITY' THEN 'R17.2' ELSE 'R17.3' END,
       CASE WHEN i % 3 = 2 THEN ARRAY['PUBLIC_SECURITY','STATE_SECURITY'] WHEN r.type = 'STATE_SECURITY' THEN ARRAY['STATE_SECURITY'] ELSE ARRAY['PUBLIC_SECURITY'] END,
       CASE WHEN r.type = 'STATE_SECURITY' AND i % 3 <> 2 THEN NULL ELSE 1 END,
       CASE WHEN r.type = 'STATE_SECURITY' AND i % 3 <> 2 THEN r.id ELSE NULL END,
       CASE WHEN r.type = 'STATE_SECURITY' AND i % 3 <> 2 THEN NULL ELSE r.division END,
       ARRAY[r.id || '-a', r.id || '-b'], ARRAY[$5], ARRAY['sys-mall'], ARRAY['owner-mall'],
       now() - interval '2 hours', now() - interval '1 hour', 'BENCH-' || i, 'benchmark', now() - (i || ' seconds')::interval / 4
     FROM generate_series(1, $1) AS i
     CROSS JOIN LATERAL (SELECT * FROM unnest($2::text[], $3::text[], $4::text[]) AS v(id, type, division)
       OFFSET (i % cardinality($2::text[])) LIMIT 1) r`,
    [rows, requesters.map((r) => r[0]), requesters.map((r) => r[1]), requesters.map((r) => r[2]), cameraId],
  );
  await pool.query('ANALYZE ap_cases');
}

/**
 * What the consumer of every topic keeps of the other services' events, in the inbox's
 * transaction (so a redelivery changes nothing): where organisations, systems and segments
 * stand (to place findings in a jurisdiction, R5.1), who filed each request (to pair officers),
 * and one row per fact of officials' conduct and per access (R16.6, R27.1), each with the
 * service and sequence under which the ledger holds its event. Rebuilt by replaying the topics.
 */
export const OBSERVED_FACT_TABLES = ['ov_organisations', 'ov_systems', 'ov_segments', 'ov_requests', 'ov_activity'] as const;


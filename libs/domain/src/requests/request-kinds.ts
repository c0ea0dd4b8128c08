/** 查阅 view, 复制 copy, 调取 retrieve, 接入或者直接使用 direct access (REGULATION.md vocabulary). */
export const REQUEST_KINDS = ['VIEW', 'COPY', 'RETRIEVE', 'DIRECT_ACCESS'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

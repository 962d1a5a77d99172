import { z } from 'zod';

/**
 * Faults the sandbox injects so connectors meet real orgs' failures in tests: seeded, so a failing
 * run replays exactly. Each rule applies to a class of routes with a probability per request.
 */
export const RouteClass = z.enum(['auth', 'rest', 'query', 'collections', 'bulk', 'limits', 'admin', 'any']);
export type RouteClass = z.infer<typeof RouteClass>;

export const FaultKind = z.enum([
  'http-503', // Service Unavailable (maintenance, pod failover)
  'http-500', // UNKNOWN_EXCEPTION
  'http-429', // too many requests from the edge
  'http-420', // Salesforce's own "enhance your calm" from older edges
  'request-limit', // 403 REQUEST_LIMIT_EXCEEDED (concurrency)
  'revoke-session', // 401 INVALID_SESSION_ID until the client refreshes
  'lock-row', // UNABLE_TO_LOCK_ROW on writes
  'reset', // the connection is destroyed mid-body
  'latency', // added delay, then a normal answer
  'query-timeout', // QUERY_TIMEOUT on queries
]);
export type FaultKind = z.infer<typeof FaultKind>;

export const FaultRule = z.strictObject({
  routes: RouteClass.default('any'),
  fault: FaultKind,
  rate: z.number().min(0).max(1),
  latencyMs: z.number().int().nonnegative().default(200),
  /** Stop after this many injections (e.g. exactly one revoked session). */
  limit: z.number().int().positive().optional(),
});
export type FaultRule = z.infer<typeof FaultRule>;

export const FaultPlan = z.strictObject({
  seed: z.number().int().default(1),
  rules: z.array(FaultRule).default([]),
});
export type FaultPlan = z.infer<typeof FaultPlan>;

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteClass } from '../faults/fault-plan.ts';
import type { Session } from '../auth/session-store.ts';
import type { SandboxOrg } from '../sandbox-org.ts';

/** What a handler gets: the parsed request, the org, and (on authenticated routes) the session. */
export type RouteContext = {
  req: IncomingMessage;
  res: ServerResponse;
  org: SandboxOrg;
  params: Record<string, string | undefined>;
  query: URLSearchParams;
  session: Session | null;
  /** The API version from the path, e.g. '62.0', or null outside /services/data/vXX.X. */
  apiVersion: string | null;
  /** True when an injected `lock-row` fault applies to this write request. */
  lockRowFault: boolean;
};

export type Route = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  routeClass: RouteClass;
  /** Authenticated routes need a Bearer session; they also count against the daily API limit. */
  auth: boolean;
  handler: (ctx: RouteContext) => Promise<void> | void;
};

/** Versioned REST resources all live under this prefix. */
export const DATA = '/services/data/v:version';

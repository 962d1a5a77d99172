import { oauthRoutes } from '../auth/oauth-routes.ts';
import { ingestRoutes } from '../bulk/ingest-routes.ts';
import { bulkQueryRoutes } from '../bulk/query-job-routes.ts';
import { adminRoutes } from './admin-routes.ts';
import { collectionRoutes } from './collection-routes.ts';
import { compositeBatchRoutes } from './composite-batch-routes.ts';
import { queryRoutes } from './query-routes.ts';
import { limitsRoutes, replicationRoutes } from './replication-routes.ts';
import type { Route } from './route.ts';
import { sobjectRoutes } from './sobject-routes.ts';
import { versionRoutes } from './version-routes.ts';

/** Every resource the sandbox serves; the order only matters for readability. */
export const sandboxRoutes: readonly Route[] = [
  ...versionRoutes,
  ...oauthRoutes,
  ...limitsRoutes,
  ...replicationRoutes,
  ...sobjectRoutes,
  ...queryRoutes,
  ...collectionRoutes,
  ...compositeBatchRoutes,
  ...bulkQueryRoutes,
  ...ingestRoutes,
  ...adminRoutes,
];

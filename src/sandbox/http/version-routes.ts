import { sendJson } from './sf-response.ts';
import type { Route } from './route.ts';

/** The API versions the sandbox answers; `GET /services/data` lists them as a real org does. */
export const SUPPORTED_VERSIONS: readonly string[] = Array.from({ length: 64 - 31 + 1 }, (_, i) => `${31 + i}.0`);

export const isSupportedVersion = (v: string): boolean => SUPPORTED_VERSIONS.includes(v);

const RELEASES: Record<string, string> = { '60.0': "Spring '24", '61.0': "Summer '24", '62.0': "Winter '25", '63.0': "Spring '25", '64.0': "Summer '25" };

export const versionRoutes: Route[] = [
  {
    method: 'GET', path: '/services/data', routeClass: 'rest', auth: false,
    handler: ({ res }) => sendJson(res, 200, SUPPORTED_VERSIONS.map((version) => ({ label: RELEASES[version] ?? `v${version}`, url: `/services/data/v${version}`, version }))),
  },
  {
    method: 'GET', path: '/services/data/v:version', routeClass: 'rest', auth: true,
    handler: ({ res, apiVersion }) => {
      const base = `/services/data/v${apiVersion}`;
      sendJson(res, 200, {
        limits: `${base}/limits`, sobjects: `${base}/sobjects`, query: `${base}/query`, queryAll: `${base}/queryAll`,
        composite: `${base}/composite`, jobs: `${base}/jobs`,
      });
    },
  },
];

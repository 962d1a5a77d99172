import type { ErrorKind } from '../domain/sextant-error.ts';

/** Exit codes by error kind, so schedulers can tell "fix your config" from "try again later". */
export const EXIT_CODES: Record<ErrorKind, number> = {
  fatal: 1,
  config: 2,
  auth: 3,
  quota: 4,
  transient: 5,
  data: 6,
};

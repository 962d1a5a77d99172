/**
 * The one error type of Sextant (after sfdx-core's SfError): a stable `code` that tests and
 * scripts match on, a `kind` that decides retry/exit behaviour, and `hints` a user can act on.
 */
export type ErrorKind = 'config' | 'auth' | 'transient' | 'quota' | 'data' | 'fatal';

export type SextantErrorOptions = {
  kind: ErrorKind;
  hints?: readonly string[];
  /** Where the problem is: a file and line, a field path, a record id. */
  path?: string;
  data?: unknown;
  cause?: unknown;
};

export class SextantError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly hints: readonly string[];
  readonly path: string | undefined;
  readonly data: unknown;

  constructor(code: string, message: string, options: SextantErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SextantError';
    this.code = code;
    this.kind = options.kind;
    this.hints = options.hints ?? [];
    this.path = options.path;
    this.data = options.data;
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      kind: this.kind,
      message: this.message,
      ...(this.path === undefined ? {} : { path: this.path }),
      ...(this.hints.length === 0 ? {} : { hints: this.hints }),
    };
  }
}

export const isSextantError = (err: unknown): err is SextantError => err instanceof SextantError;

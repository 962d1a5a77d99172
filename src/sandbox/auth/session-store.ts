import { randomBytes } from 'node:crypto';

/**
 * Access and refresh tokens the sandbox has issued. Access tokens have Salesforce's opaque shape
 * (`00D…!…`), which @salesforce/core checks before it will treat a string as a token.
 */
export type Session = { accessToken: string; userId: string; issuedAt: number; revoked: boolean };
export type RefreshGrant = { refreshToken: string; userId: string; clientId: string };

export class SessionStore {
  readonly #orgId15: string;
  readonly #sessions = new Map<string, Session>();
  readonly #refresh = new Map<string, RefreshGrant>();

  constructor(orgId15: string) {
    this.#orgId15 = orgId15;
  }

  issue(userId: string, fixedToken?: string): Session {
    const accessToken = fixedToken ?? `${this.#orgId15}!AQ${randomBytes(48).toString('base64url').replace(/[-_]/g, 'x')}`;
    const session = { accessToken, userId, issuedAt: Date.now(), revoked: false };
    this.#sessions.set(accessToken, session);
    return session;
  }

  issueRefreshToken(userId: string, clientId: string): string {
    const refreshToken = `5Aep${randomBytes(40).toString('base64url').replace(/[-_]/g, 'x')}`;
    this.#refresh.set(refreshToken, { refreshToken, userId, clientId });
    return refreshToken;
  }

  refreshGrant(token: string): RefreshGrant | undefined {
    return this.#refresh.get(token);
  }

  /** The session behind a live token, or undefined (unknown, expired or revoked). */
  verify(accessToken: string): Session | undefined {
    const s = this.#sessions.get(accessToken);
    return s && !s.revoked ? s : undefined;
  }

  /** Ends every live session, as an admin's "revoke" or a session timeout would. */
  revokeAll(): number {
    let n = 0;
    for (const s of this.#sessions.values()) if (!s.revoked) { s.revoked = true; n++; }
    return n;
  }

  revoke(accessToken: string): boolean {
    const s = this.#sessions.get(accessToken);
    if (!s || s.revoked) return false;
    s.revoked = true;
    return true;
  }
}

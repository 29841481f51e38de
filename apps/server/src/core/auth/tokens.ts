import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { CompanyRole, Entitlements } from '@roaauto/shared';
import type { SigningKeys } from './keys';

export const accessTokenTtlSeconds = 10 * 60;
export const refreshTokenTtlDays = 30;
/** How long a just-spent refresh token may come back as a retry of a rotation whose answer was lost (auth.service.ts). */
export const refreshRetryGraceMs = 60_000;
export const leaseTtlDays = 30;

const issuer = 'roaauto';
/** Access tokens are for the API; leases are for the offline app and are refused by the API. */
const apiAudience = 'roaauto-api';
const leaseAudience = 'roaauto-offline-lease';

/** `sid` is the session: the refresh-token family of the sign-in that issued the token. */
export type AccessClaims =
  | { kind: 'user'; sub: string; tid: string; role: CompanyRole; tv: number; sid: string }
  | { kind: 'platform_admin'; sub: string; tv: number; sid: string };

export type LeaseClaims = {
  sub: string;
  tid: string;
  role: CompanyRole;
  entitlements: Entitlements;
};

/** How many verified access tokens are remembered (each device presents the same one for up to 10 minutes). */
const verifiedCacheSize = 2_000;

export class TokenService {
  /**
   * Access tokens already verified, with their claims and expiry: checking an EdDSA signature is pure,
   * so the same token string need not be checked again on every request. Revocation does not depend on
   * this: on every request the guard reads the user's token version and whether the token's session is
   * still alive from the database, whatever this remembers.
   */
  private readonly verified = new Map<string, { claims: AccessClaims; exp: number }>();

  constructor(private readonly keys: SigningKeys) {}

  get publicJwk() {
    return this.keys.publicJwk;
  }

  async signAccess(claims: AccessClaims): Promise<string> {
    const { sub, ...rest } = claims;
    return new SignJWT({ ...rest, typ: 'access' })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.keys.kid })
      .setSubject(sub)
      .setIssuer(issuer)
      .setAudience(apiAudience)
      .setIssuedAt()
      .setExpirationTime(`${accessTokenTtlSeconds}s`)
      .sign(this.keys.privateKey);
  }

  /** Returns the claims of a valid, unexpired access token, or null for anything else (leases included). */
  async verifyAccess(token: string): Promise<AccessClaims | null> {
    const known = this.verified.get(token);
    if (known) {
      if (known.exp > Date.now() / 1000) return known.claims;
      this.verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, this.keys.publicKey, {
        issuer,
        audience: apiAudience,
        algorithms: ['EdDSA'],
      });
      const { typ, sub, tv, exp, sid } = payload;
      // A token without a session cannot be ended by sign-out, so it is not accepted at all.
      if (typ !== 'access' || typeof sub !== 'string' || typeof tv !== 'number' || typeof exp !== 'number' || typeof sid !== 'string') return null;
      let claims: AccessClaims | null = null;
      if (payload.kind === 'platform_admin') claims = { kind: 'platform_admin', sub, tv, sid };
      else if (payload.kind === 'user' && typeof payload.tid === 'string' && typeof payload.role === 'string') {
        claims = { kind: 'user', sub, tid: payload.tid, role: payload.role as CompanyRole, tv, sid };
      }
      if (claims) {
        if (this.verified.size >= verifiedCacheSize) this.verified.delete(this.verified.keys().next().value as string);
        this.verified.set(token, { claims, exp });
      }
      return claims;
    } catch {
      return null;
    }
  }

  /** The offline lease: lets the PWA keep working offline with these entitlements until it expires. */
  async signLease(claims: LeaseClaims, now: Date): Promise<{ lease: string; expiresAt: string }> {
    const exp = new Date(now.getTime() + leaseTtlDays * 86_400_000);
    const { sub, ...rest } = claims;
    const lease = await new SignJWT({ ...rest, typ: 'offline_lease' })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.keys.kid })
      .setSubject(sub)
      .setIssuer(issuer)
      .setAudience(leaseAudience)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(exp.getTime() / 1000))
      .sign(this.keys.privateKey);
    return { lease, expiresAt: exp.toISOString() };
  }
}

/** Refresh tokens are opaque random strings; only their SHA-256 is stored. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

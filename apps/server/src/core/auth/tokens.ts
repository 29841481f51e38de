import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { CompanyRole, Entitlements } from '@roaauto/shared';
import type { SigningKeys } from './keys';

export const accessTokenTtlSeconds = 10 * 60;
export const refreshTokenTtlDays = 30;
export const leaseTtlDays = 30;

const issuer = 'roaauto';
/** Access tokens are for the API; leases are for the offline app and are refused by the API. */
const apiAudience = 'roaauto-api';
const leaseAudience = 'roaauto-offline-lease';

export type AccessClaims =
  | { kind: 'user'; sub: string; tid: string; role: CompanyRole; tv: number }
  | { kind: 'platform_admin'; sub: string; tv: number };

export type LeaseClaims = {
  sub: string;
  tid: string;
  role: CompanyRole;
  entitlements: Entitlements;
};

export class TokenService {
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
    try {
      const { payload } = await jwtVerify(token, this.keys.publicKey, {
        issuer,
        audience: apiAudience,
        algorithms: ['EdDSA'],
      });
      if (payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.tv !== 'number') return null;
      if (payload.kind === 'platform_admin') return { kind: 'platform_admin', sub: payload.sub, tv: payload.tv };
      if (payload.kind === 'user' && typeof payload.tid === 'string' && typeof payload.role === 'string') {
        return { kind: 'user', sub: payload.sub, tid: payload.tid, role: payload.role as CompanyRole, tv: payload.tv };
      }
      return null;
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

import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db-schema';

export type SigningKeys = { privateKey: CryptoKey; publicKey: CryptoKey; publicJwk: JWK; kid: string };

const metaKey = 'token_signing_jwk';

/**
 * The Ed25519 key that signs access tokens and offline leases. ROAAUTO_TOKEN_KEY (a private JWK as
 * JSON) when set; otherwise one generated at first start and kept in app_meta, so every server
 * process on the same database signs and verifies with the same key.
 */
export async function loadSigningKeys(db: Kysely<DatabaseSchema>, fromEnv?: string): Promise<SigningKeys> {
  let jwk: JWK;
  if (fromEnv) {
    jwk = JSON.parse(fromEnv) as JWK;
  } else {
    const existing = await db.selectFrom('app_meta').select('value').where('key', '=', metaKey).executeTakeFirst();
    if (existing) {
      jwk = JSON.parse(existing.value) as JWK;
    } else {
      const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const fresh = { ...(await exportJWK(pair.privateKey)), kid: `k-${Date.now().toString(36)}` };
      // Two processes starting at once: the first insert wins and both read it back.
      await db.insertInto('app_meta').values({ key: metaKey, value: JSON.stringify(fresh) })
        .onConflict((oc) => oc.column('key').doNothing()).execute();
      const row = await db.selectFrom('app_meta').select('value').where('key', '=', metaKey).executeTakeFirstOrThrow();
      jwk = JSON.parse(row.value) as JWK;
    }
  }
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d || !jwk.x) {
    throw new Error('The token signing key must be an Ed25519 private JWK');
  }
  const publicJwk: JWK = { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
  const kid = jwk.kid ?? 'default';
  return {
    privateKey: (await importJWK({ ...jwk, alg: 'EdDSA' }, 'EdDSA')) as CryptoKey,
    publicKey: (await importJWK({ ...publicJwk, alg: 'EdDSA' }, 'EdDSA')) as CryptoKey,
    publicJwk: { ...publicJwk, alg: 'EdDSA', use: 'sig', kid },
    kid,
  };
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (the companies' ANAF tokens, the OAuth `state`): AES-256-GCM with the key from
 * ANAF_TOKEN_KEY, a fresh 12-byte nonce each time, and associated data naming what the secret is for
 * and whose it is, so a sealed value copied to another company's row (or used as something else) does
 * not open. Written `v1.<nonce>.<tag>.<ciphertext>`, each part base64url.
 */
export class Sealer {
  private readonly key: Buffer;

  constructor(keyBase64: string) {
    this.key = Buffer.from(keyBase64.trim(), 'base64');
    if (this.key.length !== 32) throw new Error('ANAF_TOKEN_KEY must be 32 bytes written in base64');
  }

  seal(plain: string, context: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', nonce, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  /** The plain text, or null when the value was not sealed by this key for this context (or was altered). */
  open(sealed: string, context: string): string | null {
    const [version, nonce, tag, body, extra] = sealed.split('.');
    if (version !== 'v1' || nonce === undefined || tag === undefined || body === undefined || extra !== undefined) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}

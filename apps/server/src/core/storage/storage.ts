import type { Readable } from 'node:stream';

/**
 * Files of a company kept beside its database rows (an order's photos): a small interface so the disk
 * store of a single server and an S3-compatible bucket (docs/storage.md) are interchangeable. Every call
 * names the company: a key is only ever read inside its company's space.
 */

/** What is known of a stored file. `etag` is a strong validator of its bytes (a SHA-256 in hex). */
export type BlobInfo = { key: string; contentType: string; size: number; etag: string; storedAt: string };

export type PutOptions = {
  contentType: string;
  /** Refuse (and store nothing) when the data is longer than this many bytes. */
  maxBytes?: number;
};

export type BlobStorage = {
  /** The provider's name, for logs. */
  readonly provider: string;
  /** Stores `data` under `key`, replacing what was there; readers see the old file or the new one, never a part. */
  put(tenantId: string, key: string, data: Buffer | Uint8Array | Readable, options: PutOptions): Promise<BlobInfo>;
  /** The file's description, or null when there is none. */
  stat(tenantId: string, key: string): Promise<BlobInfo | null>;
  /** The whole file in memory, or null. */
  read(tenantId: string, key: string): Promise<{ info: BlobInfo; data: Buffer } | null>;
  /** A stream of the file, or null. */
  open(tenantId: string, key: string): Promise<{ info: BlobInfo; stream: Readable } | null>;
  /** Removes the file; false when there was none. */
  delete(tenantId: string, key: string): Promise<boolean>;
};

/** Thrown by `put` when the data goes over `maxBytes`. */
export class BlobTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes`);
    this.name = 'BlobTooLarge';
  }
}

const segment = /^[a-z0-9][a-z0-9_.-]{0,99}$/;
const tenantPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A key is one to four segments of lower-case letters, digits, `_`, `.` and `-` separated by `/`, each
 * starting with a letter or a digit: no `..`, no absolute path, no backslash, nothing a file system or a
 * bucket reads differently. Throws on anything else (a programming error, never a user's input).
 */
export function assertBlobKey(key: string): void {
  const parts = key.split('/');
  if (parts.length > 4 || !parts.every((p) => segment.test(p))) throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
}

/** A company id is a UUID: the name of its folder (or prefix). */
export function assertTenantId(tenantId: string): void {
  if (!tenantPattern.test(tenantId)) throw new Error(`Invalid company id for storage: ${JSON.stringify(tenantId)}`);
}

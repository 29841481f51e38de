import { ApiError, DomainError, isErrorCode } from '@roaauto/shared';
import { NetworkError } from '@/app/api';

/**
 * An error as it crosses from the leader tab to the tab that asked (a BroadcastChannel message): its
 * kind, code and details survive, so the asking tab says it in the person's language exactly as the
 * leader would (a rule's refusal code, field issues, "offline"), not as a bare English message.
 */
export type WireError =
  | { kind: 'domain'; code: string; message: string; details: Record<string, unknown> }
  | { kind: 'api'; status: number; code: string; message: string; details: Record<string, unknown> }
  | { kind: 'network'; message: string }
  | { kind: 'other'; name: string; message: string };

/** Details as plain data (a channel message is cloned; anything that is not JSON is left out). */
const plain = (details: Readonly<Record<string, unknown>>): Record<string, unknown> => JSON.parse(JSON.stringify(details)) as Record<string, unknown>;

export function toWire(err: unknown): WireError {
  if (err instanceof DomainError) return { kind: 'domain', code: err.code, message: err.message, details: plain(err.details) };
  if (err instanceof ApiError) return { kind: 'api', status: err.status, code: err.code, message: err.message, details: plain(err.details) };
  if (err instanceof NetworkError) return { kind: 'network', message: err.message };
  if (err instanceof Error) return { kind: 'other', name: err.name, message: err.message };
  return { kind: 'other', name: 'Error', message: String(err) };
}

export function fromWire(w: WireError): Error {
  switch (w.kind) {
    case 'domain':
      return isErrorCode(w.code) ? new DomainError(w.code, w.message, w.details) : new ApiError(0, w.code, w.message, w.details);
    case 'api':
      return new ApiError(w.status, w.code, w.message, w.details);
    case 'network':
      return new NetworkError(w.message);
    case 'other': {
      const err = new Error(w.message);
      err.name = w.name;
      return err;
    }
  }
}

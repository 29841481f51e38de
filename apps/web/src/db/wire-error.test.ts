import { describe, expect, it } from 'vitest';
import { ApiError, DomainError, coreRefusals, refusalError } from '@roaauto/shared';
import { NetworkError } from '@/app/api';
import { errorText } from '@/app/errors';
import { fromWire, toWire } from './wire-error';

/** What another tab receives: the message as the channel clones it. */
const across = (err: unknown) => fromWire(structuredClone(toWire(err)));
const t = (key: string, named?: Record<string, unknown>) => `${key}${named ? ` ${JSON.stringify(named)}` : ''}`;

describe('an error from the leader tab', () => {
  it('keeps its kind, code and details, so the asking tab says it as the leader would', () => {
    const refused = across(refusalError(coreRefusals.refuse('company.iban_invalid')));
    expect(refused).toBeInstanceOf(DomainError);
    expect(errorText(t, refused)).toBe('refusals.company.iban_invalid {}');

    const issues = [{ path: 'nume', problem: 'too_long', limit: 200, message: 'Too big' }];
    const invalid = across(new DomainError('validation_failed', 'nume: Too big', { issues }));
    expect(invalid).toBeInstanceOf(DomainError);
    expect(invalid).toMatchObject({ code: 'validation_failed', details: { issues } });

    const server = across(new ApiError(503, 'service_unavailable', 'The server is restarting', { retryAfter: 8 }));
    expect(server).toBeInstanceOf(ApiError);
    expect(server).toMatchObject({ status: 503, code: 'service_unavailable', details: { retryAfter: 8 } });
    expect(errorText(t, server)).toBe('shell.errors.codes.service_unavailable');

    expect(across(new NetworkError('Failed to fetch'))).toBeInstanceOf(NetworkError);
    expect(errorText(t, across(new NetworkError('Failed to fetch')))).toBe('shell.errors.offline');
  });

  it('without a code stays a plain error with its message', () => {
    const plain = across(new RangeError('SQLITE_FULL'));
    expect(plain).toBeInstanceOf(Error);
    expect(plain).toMatchObject({ name: 'RangeError', message: 'SQLITE_FULL' });
    expect(across('odd')).toMatchObject({ message: 'odd' });
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError, DomainError, refusalError, workshopRefusals } from '@roaauto/shared';
import { NetworkError } from './api';
import { errorText, fieldErrors, issueText, rejectionText, syncErrorText } from './errors';

/** A `t` that shows which key and values were asked for. */
const t = (key: string, named?: Record<string, unknown>, plural?: number) =>
  `${key}${named ? ` ${JSON.stringify(named)}` : ''}${plural === undefined ? '' : ` #${plural}`}`;

describe('errorText: one text for whatever went wrong', () => {
  it('says a refusal by its code and parameters, whether this device or the server refused', () => {
    const local = refusalError(workshopRefusals.refuse('order.status_transition', { from: 'FACTURAT', to: 'DRAFT' }));
    expect(errorText(t, local)).toBe('refusals.order.status_transition {"from":"FACTURAT","to":"DRAFT"}');
    const server = new ApiError(400, 'validation_failed', 'An order needs a vehicle before it is validated', { rule: 'order.needs_vehicle', params: {} });
    expect(errorText(t, server)).toBe('refusals.order.needs_vehicle {}');
    // The English text alone means nothing to the app: it is shown inside the generic message.
    expect(errorText(t, new Error('An order needs a vehicle before it is validated'))).toBe('shell.errors.generic {"message":"An order needs a vehicle before it is validated"}');
    // A refusal code this app does not know (a newer server): the text as the server wrote it.
    expect(errorText(t, new ApiError(400, 'validation_failed', 'Stock cannot be negative', { rule: 'stock.negative' }))).toBe('shell.errors.generic {"message":"Stock cannot be negative"}');
  });

  it('says every error code by its text, and what a page knows better by its own', () => {
    expect(errorText(t, new DomainError('not_found', 'This record does not exist (any more)'))).toBe('shell.errors.codes.not_found');
    expect(errorText(t, new ApiError(401, 'unauthorized', 'Wrong email or password'))).toBe('shell.errors.codes.unauthorized');
    expect(errorText(t, new ApiError(401, 'unauthorized', 'Wrong email or password'), { codes: { unauthorized: 'shell.errors.wrongCredentials' } })).toBe('shell.errors.wrongCredentials');
    expect(errorText(t, new ApiError(409, 'conflict', 'An account with this email already exists', { field: 'email' }))).toBe('shell.errors.emailTaken');
    expect(errorText(t, new ApiError(409, 'conflict', 'The series ROA already exists'), { codes: { conflict: 'accounting.series.taken' } })).toBe('accounting.series.taken');
    expect(errorText(t, new ApiError(400, 'validation_failed', 'The CUI is not valid (check digit)', { field: 'company.cui' }))).toBe('shell.errors.badCui');
    expect(errorText(t, new ApiError(503, 'service_unavailable', 'The server is restarting'))).toBe('shell.errors.codes.service_unavailable');
    // A code from a newer server: its message, inside the generic text.
    expect(errorText(t, new ApiError(418, 'teapot', 'I am a teapot'))).toBe('shell.errors.generic {"message":"I am a teapot"}');
  });

  it('says "offline" only for a request that never reached the server', () => {
    expect(errorText(t, new NetworkError('Failed to fetch'))).toBe('shell.errors.offline');
    expect(errorText(t, new NetworkError('Failed to fetch'), { codes: { offline: 'accounting.series.needsOnline' } })).toBe('accounting.series.needsOnline');
    expect(errorText(t, new TypeError("Cannot read properties of undefined (reading 'x')"))).toMatch(/^shell\.errors\.generic/);
  });

  it('says field issues in words, with the limit as the count that picks the plural form', () => {
    const issues = [{ path: 'body.company.name', problem: 'too_long', limit: 200, message: 'Too big: expected string to have <=200 characters' }];
    const err = new ApiError(400, 'validation_failed', 'body.company.name: Too big: expected string to have <=200 characters', { issues });
    expect(errorText(t, err)).toBe('shell.errors.field.too_long {"n":200} #200');
    expect(errorText(t, err, { fields: { 'body.company.name': 'Numele firmei' } })).toBe(
      'shell.errors.fieldIssue {"field":"Numele firmei","problem":"shell.errors.field.too_long {\\"n\\":200} #200"}',
    );
    expect(issueText(t, { path: 'telefon', problem: 'required' })).toBe('shell.errors.field.required');
    // Issues in a shape this app does not know: the generic text of the code, never the English.
    expect(errorText(t, new ApiError(400, 'validation_failed', 'name: Too big', { issues: [{ path: 'name', message: 'Too big' }] }))).toBe('shell.errors.codes.validation_failed');
  });

  it('puts field issues and a refusal under the fields they are about', () => {
    const local = new DomainError('validation_failed', 'nume: Too big', { issues: [{ path: 'nume', problem: 'too_long', limit: 200, message: 'Too big' }] });
    expect(fieldErrors(t, local)).toEqual({ nume: 'shell.errors.field.too_long {"n":200} #200' });
    const iban = new DomainError('validation_failed', 'The IBAN is not valid', { rule: 'company.iban_invalid', params: {} });
    expect(fieldErrors(t, iban, { 'company.iban_invalid': 'iban' })).toEqual({ iban: 'refusals.company.iban_invalid {}' });
    expect(fieldErrors(t, iban)).toEqual({});
    expect(fieldErrors(t, new ApiError(409, 'conflict', 'x'))).toEqual({});
  });

  it('says a change the server refused and the sync status the same way', () => {
    expect(rejectionText(t, { code: 'validation_failed', message: 'The plate number must not be empty', rule: 'vehicle.plate_required', params: {} })).toBe('refusals.vehicle.plate_required {}');
    expect(rejectionText(t, { code: 'forbidden', message: 'Your role (mechanic) may not do this' })).toBe('shell.errors.codes.forbidden');
    expect(syncErrorText(t, { error: 'Internal server error', errorCode: 'internal_error' })).toBe('shell.errors.codes.internal_error');
    expect(syncErrorText(t, { error: 'odd', errorCode: null })).toBe('shell.errors.generic {"message":"odd"}');
  });
});

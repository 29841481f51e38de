import { describe, expect, it } from 'vitest';
import { clientPhoneCheck, mayAddClient, newClientRow } from './client-form';

describe('the customer form', () => {
  it('checks the phone as the vehicle form does: its kind when recognised, a warning once left when not', () => {
    expect(clientPhoneCheck('0722123456', false)).toEqual({ warning: null, hint: { key: 'core.clients.kind.mobile' }, normalized: '0722 123 456' });
    expect(clientPhoneCheck('+49 151 2345 6789', true).hint).toEqual({ key: 'core.clients.kind.international' });
    expect(clientPhoneCheck('12ab', false).warning).toBeNull();
    expect(clientPhoneCheck('12ab', true)).toEqual({ warning: { key: 'core.clients.warnPhone' }, hint: null, normalized: '12ab' });
    expect(clientPhoneCheck('  ', true)).toEqual({ warning: null, hint: null, normalized: null });
  });

  it('does not save an unrecognised phone without a word: the first try shows the warning, the next saves', () => {
    expect(mayAddClient('12ab', false)).toBe(false);
    expect(mayAddClient('12ab', true)).toBe(true);
    expect(mayAddClient('0722 123 456', false)).toBe(true);
    expect(mayAddClient('', false)).toBe(true);
  });

  it('stores the phone in its standard form and the name with single spaces', () => {
    expect(newClientRow({ nume: '  Ion   Pop ', telefon: '+40 722-123-456', tip: 'pf' })).toEqual({ tip: 'pf', nume: 'Ion Pop', telefon: '0722 123 456' });
    expect(newClientRow({ nume: 'X SRL', telefon: ' 12ab ', tip: 'pj' })).toEqual({ tip: 'pj', nume: 'X SRL', telefon: '12ab' });
    expect(newClientRow({ nume: 'Y', telefon: '', tip: 'pf' }).telefon).toBeNull();
  });
});

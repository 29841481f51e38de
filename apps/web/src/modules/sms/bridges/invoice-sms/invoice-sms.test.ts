import { describe, expect, it } from 'vitest';
import { composeText, templateTexts } from '../../sms';
import { invoiceSms } from './invoice-sms';

describe('invoice issued SMS', () => {
  const row = { id: 'i1', tip: 'factura' as const, client_nume: 'Ana Pop', nr_auto: 'CT 10 ABC', total_general: 59500, order_id: 'o1', document: JSON.stringify({ cumparator: { telefon: '0722 123 456' } }) };

  it('goes to the buyer\'s phone as issued, with the invoice\'s total', () => {
    const sms = invoiceSms(row, { nume: 'Service X', telefon: '0241 000 000' });
    expect(sms.phone).toBe('0722 123 456');
    expect(sms.orderId).toBe('o1');
    const text = composeText(templateTexts([]), 'invoice_issued', sms.values);
    expect(text.replace(/\s/g, ' ')).toBe('Bună ziua, Ana Pop! Factura pentru CT 10 ABC a fost emisă, total 595,00 RON. Service X, 0241 000 000');
  });

  it('has no phone when the document names none or cannot be read', () => {
    expect(invoiceSms({ ...row, document: JSON.stringify({ cumparator: { telefon: null } }) }, { nume: null, telefon: null }).phone).toBeNull();
    expect(invoiceSms({ ...row, document: 'x' }, { nume: null, telefon: null }).phone).toBeNull();
  });
});

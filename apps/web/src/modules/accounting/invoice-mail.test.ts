import { describe, expect, it } from 'vitest';
import { formatMoney, type InvoiceDocument } from '@roaauto/shared';
import { invoiceMailDefaults } from './invoice-mail';

const t = (key: string, named: Record<string, unknown>, options: { locale: string }) => `${options.locale}|${key}|${Object.values(named).join('|')}`;
const doc = {
  tip: 'factura', serie: 'ROA', numar: 12, furnizor: { nume: 'Service Someș SRL' }, cumparator: { email: 'contabil@client.ro' }, totals: { total: 12100 },
} as unknown as InvoiceDocument;

describe('an invoice sent by e-mail', () => {
  it('is addressed to the buyer, with its title, total and the company in Romanian', () => {
    expect(invoiceMailDefaults(t, doc)).toEqual({
      to: 'contabil@client.ro',
      subject: `ro|accounting.mail.subject|Factura ROA 12|Service Someș SRL|${formatMoney(12100)}`,
      text: `ro|accounting.mail.text|Factura ROA 12|Service Someș SRL|${formatMoney(12100)}`,
    });
    expect(invoiceMailDefaults(t, { ...doc, tip: 'storno', cumparator: { ...doc.cumparator, email: null } }).to).toBe('');
    expect(invoiceMailDefaults(t, { ...doc, tip: 'storno' }).subject).toContain('Storno ROA 12');
  });
});

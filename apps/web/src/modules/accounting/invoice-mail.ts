import { formatMoney, invoiceTitle, type InvoiceDocument } from '@roaauto/shared';

/** vue-i18n's `t` with named values and options (the customer's texts are always in Romanian). */
type Translate = (key: string, named: Record<string, unknown>, options: { locale: string }) => string;

/** The e-mail form's first values for an issued invoice: the buyer's address, a subject and a text in Romanian. */
export function invoiceMailDefaults(t: Translate, doc: InvoiceDocument): { to: string; subject: string; text: string } {
  const values = { doc: invoiceTitle(doc), company: doc.furnizor.nume.trim(), total: formatMoney(doc.totals.total) };
  return {
    to: doc.cumparator.email ?? '',
    subject: t('accounting.mail.subject', values, { locale: 'ro' }).trim(),
    text: t('accounting.mail.text', values, { locale: 'ro' }).trim(),
  };
}

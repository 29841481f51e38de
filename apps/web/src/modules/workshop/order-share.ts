import { devizDocument, documentFileName, formatMoney, sellerOrBlank, type CompanyProfile } from '@roaauto/shared';
import { whatsappLink } from '@/app/documents';
import type { OrderRow } from './order-rows';

/** vue-i18n's `t` with named values and options (the customer's texts are always in Romanian). */
type Translate = (key: string, named: Record<string, unknown>, options: { locale: string }) => string;

/** What a customer's message about a deviz says: its number, plate, total with VAT and the company. */
function devizValues(order: OrderRow, profile: CompanyProfile | null) {
  const doc = devizDocument(order, [], sellerOrBlank(profile));
  return { n: order.nr_comanda ?? '', plate: order.nr_auto ?? '', total: formatMoney(doc.totals.total), company: profile?.nume.trim() ?? '' };
}

/** The order's WhatsApp link: the customer's phone in international form and a short text with the total. */
export function orderWhatsappLink(t: Translate, order: OrderRow, profile: CompanyProfile | null): string {
  return whatsappLink(order.client_telefon, t('workshop.mail.whatsappText', devizValues(order, profile), { locale: 'ro' }).trim());
}

/** The e-mail form's first values for a deviz: the customer's address, a subject and a text in Romanian. */
export function devizMailDefaults(t: Translate, order: OrderRow, profile: CompanyProfile | null): { to: string; subject: string; text: string } {
  const values = devizValues(order, profile);
  return {
    to: order.client_email ?? '',
    subject: t('workshop.mail.devizSubject', values, { locale: 'ro' }).trim(),
    text: t('workshop.mail.devizText', values, { locale: 'ro' }).trim(),
  };
}

/** The deviz's file name, as the server names the attachment. */
export const devizFileName = (order: Pick<OrderRow, 'nr_comanda'>): string => documentFileName('Deviz', null, order.nr_comanda, 'pdf');

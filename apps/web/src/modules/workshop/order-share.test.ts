import { describe, expect, it } from 'vitest';
import { formatMoney, type CompanyProfile } from '@roaauto/shared';
import { devizFileName, devizMailDefaults, orderWhatsappLink } from './order-share';
import type { OrderRow } from './order-rows';

const order = {
  id: 'o1', nr_comanda: 1045, data_comanda: '2026-12-01', nr_auto: 'CJ 01 ABC', client_telefon: '0722 123 456', client_email: 'ion@exemplu.ro',
  total_manopera: 10000, total_materiale: 10000, total_general: 20000, status: 'VALIDAT',
} as OrderRow;
const profile = { nume: 'Service Someș SRL ', platitor_tva: 1 } as unknown as CompanyProfile;
/** 200 lei and VAT at 21% (the standard rate in December 2026). */
const total = formatMoney(24200);
/** A stand-in for vue-i18n's `t` that shows what was asked. */
const t = (key: string, named: Record<string, unknown>, options: { locale: string }) => `${options.locale}|${key}|${Object.values(named).join('|')}`;

describe('sharing an order with its customer', () => {
  it('links WhatsApp to the customer\'s phone in international form, with the deviz\'s total with VAT, in Romanian', () => {
    const link = orderWhatsappLink(t, order, profile);
    expect(link.startsWith('https://wa.me/40722123456?text=')).toBe(true);
    const text = decodeURIComponent(link.split('?text=')[1] ?? '');
    expect(text).toBe(`ro|workshop.mail.whatsappText|1045|CJ 01 ABC|${total}|Service Someș SRL`);
    expect(orderWhatsappLink(t, { ...order, client_telefon: null }, null).startsWith('https://wa.me/?text=')).toBe(true);
  });

  it('fills the e-mail form with the customer\'s address and Romanian texts', () => {
    expect(devizMailDefaults(t, order, profile)).toEqual({
      to: 'ion@exemplu.ro',
      subject: `ro|workshop.mail.devizSubject|1045|CJ 01 ABC|${total}|Service Someș SRL`,
      text: `ro|workshop.mail.devizText|1045|CJ 01 ABC|${total}|Service Someș SRL`,
    });
    expect(devizMailDefaults(t, { ...order, client_email: null }, null).to).toBe('');
    expect(devizFileName(order)).toMatch(/^Deviz.*1045.*\.pdf$/);
  });
});

import { checkPhone } from '@roaauto/shared';

/**
 * The customer form as plain data and functions: the phone checked as the vehicle form checks it (a
 * recognised number says its kind and is stored in its standard form; another is a warning, never a
 * refusal), and what saving does with an unrecognised number: the first try says so and saves nothing,
 * the next saves it as typed. Messages are keys with their values.
 */
export type Message = { key: string; params?: Record<string, unknown> };

export type PhoneState = { warning: Message | null; hint: Message | null; normalized: string | null };

/** The phone as the form says it: its kind when recognised, a warning once the field was left when not. */
export function clientPhoneCheck(value: string, shown: boolean): PhoneState {
  const v = value.trim();
  if (!v) return { warning: null, hint: null, normalized: null };
  const c = checkPhone(v);
  if (c.valid) return { warning: null, hint: { key: `core.clients.kind.${c.kind}` }, normalized: c.normalized };
  return { warning: shown ? { key: 'core.clients.warnPhone' } : null, hint: null, normalized: c.normalized };
}

/**
 * Whether saving goes ahead: an unrecognised phone whose warning the person has not seen yet stops the
 * first try (the warning shows); once it was shown, the number is saved as typed.
 */
export function mayAddClient(phone: string, warningSeen: boolean): boolean {
  const v = phone.trim();
  return !v || checkPhone(v).valid || warningSeen;
}

/** The row written for a new customer: the name with single spaces, the phone in its standard form. */
export function newClientRow(form: { nume: string; telefon: string; tip: 'pf' | 'pj' }): { tip: 'pf' | 'pj'; nume: string; telefon: string | null } {
  return { tip: form.tip, nume: form.nume.trim().replace(/\s+/g, ' '), telefon: clientPhoneCheck(form.telefon, false).normalized };
}

/** The texts a company sends, by purpose; each has a Romanian default the company may edit. */
export const smsTemplateKeys = ['estimate_ready', 'car_ready', 'invoice_issued', 'appointment_reminder', 'due_reminder'] as const;
export type SmsTemplateKey = (typeof smsTemplateKeys)[number];

/**
 * The placeholders a template may use, filled from the customer, the order and the company; `ce` is what
 * falls due in an automatic reminder (the ITP, the RCA insurance, the service).
 */
export const smsPlaceholders = ['client', 'nr_auto', 'firma', 'telefon_firma', 'link', 'total', 'data', 'ce'] as const;
export type SmsPlaceholder = (typeof smsPlaceholders)[number];
export type SmsValues = Partial<Record<SmsPlaceholder, string | null>>;

export const defaultSmsTemplates: Readonly<Record<SmsTemplateKey, string>> = {
  estimate_ready: 'Bună ziua, {client}! Devizul pentru {nr_auto} este gata, total {total}. Îl puteți vedea și aproba aici:\n{link}\n{firma}, {telefon_firma}',
  car_ready: 'Bună ziua, {client}! Mașina {nr_auto} este gata și o puteți ridica. {firma}, {telefon_firma}',
  invoice_issued: 'Bună ziua, {client}! Factura pentru {nr_auto} a fost emisă, total {total}. {firma}, {telefon_firma}',
  appointment_reminder: 'Bună ziua, {client}! Vă reamintim programarea pentru {nr_auto} din {data}. {firma}, {telefon_firma}',
  due_reminder: 'Bună ziua, {client}! {ce} pentru {nr_auto} expiră pe {data}. Vă așteptăm cu o programare. {firma}, {telefon_firma}',
};

/** What `{ce}` says in an automatic reminder, by the kind of due date (it starts the sentence). */
export const dueReminderItem: Readonly<Record<'itp' | 'rca' | 'revizie', string>> = {
  itp: 'ITP-ul', rca: 'Asigurarea RCA', revizie: 'Revizia',
};

/** The lead of automatic reminders: how many days before the due date, when the company set none. */
export const defaultReminderDays = 7;
export const maxReminderDays = 60;

export function isSmsTemplateKey(value: unknown): value is SmsTemplateKey {
  return typeof value === 'string' && (smsTemplateKeys as readonly string[]).includes(value);
}

/**
 * Fills a template's placeholders. An unknown `{word}` stays as written; an empty value leaves nothing,
 * and a line left with nothing but spaces and punctuation by empty values (the portal link of an order
 * that has none) is dropped whole.
 */
export function renderSmsTemplate(template: string, values: SmsValues): string {
  const lines = template.split('\n').map((line) => {
    let emptied = false;
    const out = line.replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
      if (!(smsPlaceholders as readonly string[]).includes(name)) return whole;
      const v = values[name as SmsPlaceholder]?.trim() ?? '';
      if (!v) emptied = true;
      return v;
    });
    return { out: out.replace(/[ \t]{2,}/g, ' ').trimEnd(), emptied };
  });
  return lines.filter((l) => !(l.emptied && !/[\p{L}\p{N}]/u.test(l.out))).map((l) => l.out).join('\n').trim();
}

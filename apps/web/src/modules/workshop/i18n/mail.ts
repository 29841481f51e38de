/** What the customer reads when the deviz is sent by e-mail or WhatsApp (always in Romanian). */
export const mailRo = {
  devizSubject: 'Devizul {n} de la {company}',
  devizText: 'Bună ziua,\n\nvă trimitem atașat devizul {n} pentru mașina {plate}, în valoare de {total}.\n\nCu stimă,\n{company}',
  whatsapp: 'WhatsApp',
  whatsappText: 'Bună ziua! Devizul {n} pentru mașina {plate}: total {total}. {company}',
};

export const mailEn: typeof mailRo = {
  devizSubject: 'Estimate {n} from {company}',
  devizText: 'Hello,\n\nplease find attached estimate {n} for car {plate}, totalling {total}.\n\nKind regards,\n{company}',
  whatsapp: 'WhatsApp',
  whatsappText: 'Hello! Estimate {n} for car {plate}: total {total}. {company}',
};

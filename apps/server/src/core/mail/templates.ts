import type { MailLocale, MailMessage } from './mailer';

const texts = {
  ro: {
    subject: 'Resetarea parolei ROA AUTO',
    greeting: (name: string | null) => (name ? `Bună ziua, ${name},` : 'Bună ziua,'),
    bySelf: 'Am primit o cerere de resetare a parolei contului dumneavoastră ROA AUTO.',
    byOwner: 'Administratorul firmei a cerut o parolă nouă pentru contul dumneavoastră ROA AUTO.',
    action: (minutes: number) => `Deschideți linkul de mai jos în cel mult ${minutes} de minute pentru a alege o parolă nouă. Linkul se poate folosi o singură dată.`,
    ignore: 'Dacă nu ați cerut dumneavoastră resetarea, ignorați acest mesaj: parola rămâne cea de acum.',
    button: 'Alegeți o parolă nouă',
  },
  en: {
    subject: 'Reset your ROA AUTO password',
    greeting: (name: string | null) => (name ? `Hello ${name},` : 'Hello,'),
    bySelf: 'We received a request to reset the password of your ROA AUTO account.',
    byOwner: "Your company's administrator asked for a new password for your ROA AUTO account.",
    action: (minutes: number) => `Open the link below within ${minutes} minutes to choose a new password. The link works once.`,
    ignore: 'If you did not ask for this, ignore this message: your password stays as it is.',
    button: 'Choose a new password',
  },
} as const;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The reset e-mail, in the person's language (Romanian when unknown). */
export function passwordResetMail(input: {
  to: string; name: string | null; link: string; minutes: number; locale: MailLocale; byOwner: boolean;
}): MailMessage {
  const m = texts[input.locale];
  const lines = [m.greeting(input.name), '', input.byOwner ? m.byOwner : m.bySelf, m.action(input.minutes), '', input.link, '', m.ignore, '', 'ROA AUTO'];
  const html = [
    `<p>${escapeHtml(m.greeting(input.name))}</p>`,
    `<p>${escapeHtml(input.byOwner ? m.byOwner : m.bySelf)} ${escapeHtml(m.action(input.minutes))}</p>`,
    `<p><a href="${escapeHtml(input.link)}">${escapeHtml(m.button)}</a></p>`,
    `<p>${escapeHtml(m.ignore)}</p>`,
    '<p>ROA AUTO</p>',
  ].join('\n');
  return { to: input.to, subject: m.subject, text: lines.join('\n'), html };
}

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

const roleNames: Record<MailLocale, Record<string, string>> = {
  ro: { owner: 'proprietar', admin: 'administrator', mechanic: 'mecanic', accountant: 'contabil', dispatcher: 'dispecer', driver: 'șofer' },
  en: { owner: 'owner', admin: 'administrator', mechanic: 'mechanic', accountant: 'accountant', dispatcher: 'dispatcher', driver: 'driver' },
};

const invitationTexts = {
  ro: {
    subject: (company: string) => `Invitație în echipa ${company} — ROA AUTO`,
    body: (company: string, role: string) => `Ați fost invitat în echipa ${company} în ROA AUTO, ca ${role}.`,
    action: (days: number) => `Deschideți linkul de mai jos ca să vă alegeți parola și să intrați în cont. Linkul este valabil ${days === 1 ? 'o zi' : `${days} zile`} și se poate folosi o singură dată.`,
    ignore: 'Dacă nu vă așteptați la această invitație, ignorați mesajul.',
    button: 'Intrați în echipă',
  },
  en: {
    subject: (company: string) => `Invitation to the ${company} team — ROA AUTO`,
    body: (company: string, role: string) => `You were invited to the ${company} team in ROA AUTO, as ${role}.`,
    action: (days: number) => `Open the link below to choose your password and sign in. The link is valid for ${days === 1 ? 'one day' : `${days} days`} and works once.`,
    ignore: 'If you did not expect this invitation, ignore this message.',
    button: 'Join the team',
  },
} as const;

/** The invitation e-mail: the company, the role and the link to join (in the inviter's language). */
export function invitationMail(input: {
  to: string; company: string; role: string; link: string; days: number; locale: MailLocale;
}): MailMessage {
  const m = invitationTexts[input.locale];
  const role = roleNames[input.locale][input.role] ?? input.role;
  const lines = [m.body(input.company, role), m.action(input.days), '', input.link, '', m.ignore, '', 'ROA AUTO'];
  const html = [
    `<p>${escapeHtml(m.body(input.company, role))} ${escapeHtml(m.action(input.days))}</p>`,
    `<p><a href="${escapeHtml(input.link)}">${escapeHtml(m.button)}</a></p>`,
    `<p>${escapeHtml(m.ignore)}</p>`,
    '<p>ROA AUTO</p>',
  ].join('\n');
  return { to: input.to, subject: m.subject(input.company), text: lines.join('\n'), html };
}

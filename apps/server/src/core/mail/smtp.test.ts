import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { passwordResetMail } from './templates';
import { smtpMailer } from './smtp';

type Received = { from: string; to: string[]; data: string; user: string | undefined };

describe('the SMTP provider against a local SMTP server', () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let port = 0;

  beforeAll(async () => {
    server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === 'atelier' && auth.password === 'secret-smtp') callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
            user: typeof session.user === 'string' ? session.user : undefined,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it('delivers the reset message to the right person, with its subject and link, signed in to the server', async () => {
    const mailer = smtpMailer({ url: `smtp://atelier:secret-smtp@127.0.0.1:${port}`, from: 'ROA AUTO <no-reply@roaauto.test>' });
    const link = 'https://app.roaauto.test/account/reset#abc_DEF-123';
    await mailer.send(passwordResetMail({ to: 'ion.pop@service.ro', name: 'Ion Pop', link, minutes: 60, locale: 'ro', byOwner: false }));
    await mailer.close?.();
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.to).toEqual(['ion.pop@service.ro']);
    expect(mail?.from).toBe('no-reply@roaauto.test');
    expect(mail?.user).toBe('atelier');
    // The subject has Romanian letters: it travels encoded, its words stay readable once decoded.
    const subject = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(mail?.data ?? '')?.[1] ?? '';
    const decoded = subject.replace(/\r\n[ \t]/g, '').replace(/=\?utf-8\?Q\?(.*?)\?=/gi, (_m, q: string) =>
      Buffer.from(q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
    expect(decoded.replace(/\s+/g, ' ')).toContain('Resetarea parolei ROA AUTO');
    expect(mail?.data.replace(/=\r\n/g, '')).toContain(link.replace('=', '=3D'));
  });

  it('sends a document with its PDF attached and the company as the address to answer to', async () => {
    const mailer = smtpMailer({ url: `smtp://atelier:secret-smtp@127.0.0.1:${port}`, from: 'ROA AUTO <no-reply@roaauto.test>' });
    const pdf = Buffer.from('%PDF-1.7\n% un deviz de test\n%%EOF\n');
    await mailer.send({
      to: 'client@exemplu.ro', subject: 'Devizul 12', text: 'Bună ziua, vă trimitem devizul.', replyTo: 'office@service.ro',
      attachments: [{ filename: 'Deviz-12.pdf', contentType: 'application/pdf', content: new Uint8Array(pdf) }],
    });
    await mailer.close?.();
    const mail = received.at(-1);
    expect(mail?.to).toEqual(['client@exemplu.ro']);
    const data = mail?.data ?? '';
    expect(data).toMatch(/^Reply-To: office@service\.ro/m);
    expect(data).toMatch(/Content-Type: application\/pdf; name=Deviz-12\.pdf/);
    expect(data).toMatch(/Content-Disposition: attachment; filename=Deviz-12\.pdf/);
    // The attachment's base64 body, once decoded, is the PDF as given.
    const body = /Content-Disposition: attachment; filename=Deviz-12\.pdf\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n(?:\r\n|--)/.exec(data)?.[1] ?? '';
    expect(Buffer.from(body.replace(/\r\n/g, ''), 'base64').equals(pdf)).toBe(true);
  });

  it('fails loudly when the server refuses the sign-in', async () => {
    const mailer = smtpMailer({ url: `smtp://atelier:gresit@127.0.0.1:${port}`, from: 'no-reply@roaauto.test' });
    await expect(mailer.send({ to: 'a@b.ro', subject: 'x', text: 'y' })).rejects.toThrow();
    await mailer.close?.();
  });
});

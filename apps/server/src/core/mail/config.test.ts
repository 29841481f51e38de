import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';

describe('mail configuration', () => {
  const base = { DATA_DIR: '/tmp/roaauto-config-test' };

  it('keeps mail in the local outbox by default, with links to the server itself and no dev route', () => {
    expect(loadConfig(base).mail).toEqual({
      provider: 'outbox', smtpUrl: undefined, from: 'ROA AUTO <no-reply@localhost>', publicBaseUrl: 'http://127.0.0.1:8080', outboxRoute: false,
    });
  });

  it('reads the SMTP provider, the sender, the public address and the dev route flag', () => {
    const mail = loadConfig({
      ...base, MAIL_PROVIDER: 'smtp', SMTP_URL: 'smtps://u:p@mail.example.ro:465', MAIL_FROM: 'Service <no-reply@example.ro>',
      PUBLIC_URL: 'https://app.example.ro/', MAIL_OUTBOX_ROUTE: '1',
    }).mail;
    expect(mail).toEqual({ provider: 'smtp', smtpUrl: 'smtps://u:p@mail.example.ro:465', from: 'Service <no-reply@example.ro>', publicBaseUrl: 'https://app.example.ro', outboxRoute: true });
  });

  it('refuses SMTP without a URL, a URL of another kind and a public address that is not http(s)', () => {
    expect(() => loadConfig({ ...base, MAIL_PROVIDER: 'smtp' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ ...base, SMTP_URL: 'http://mail.example.ro' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ ...base, PUBLIC_URL: 'javascript:alert(1)' })).toThrow(/PUBLIC_URL/);
  });
});

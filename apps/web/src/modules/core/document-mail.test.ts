import { describe, expect, it } from 'vitest';
import { documentMailBody, documentMailProblems, sendDocumentMail } from './document-mail';

const form = { to: ' client@exemplu.ro ', subject: ' Devizul 12 ', text: 'Bună ziua,\nvă trimitem devizul.' };

describe('sending a document by e-mail', () => {
  it('checks the address, the subject and the length of the text as the server does', () => {
    expect(documentMailProblems(form)).toEqual({});
    expect(documentMailProblems({ ...form, to: 'client@exemplu' })).toEqual({ to: 'core.documentMail.errTo' });
    expect(documentMailProblems({ ...form, to: '' })).toEqual({ to: 'core.documentMail.errTo' });
    expect(documentMailProblems({ ...form, to: `${'a'.repeat(250)}@x.ro` })).toEqual({ to: 'core.documentMail.errTo' });
    expect(documentMailProblems({ ...form, subject: '  ' })).toEqual({ subject: 'core.documentMail.errSubject' });
    expect(documentMailProblems({ ...form, subject: 'x'.repeat(201) })).toEqual({ subject: 'core.documentMail.errSubject' });
    expect(documentMailProblems({ ...form, text: 'x'.repeat(5001) })).toEqual({ text: 'core.documentMail.errText' });
    expect(documentMailProblems({ ...form, text: '' })).toEqual({});
  });

  it('posts the trimmed form with the token to the document\'s route', async () => {
    const calls: unknown[] = [];
    const fetcher = <T>(path: string, init: unknown) => {
      calls.push([path, init]);
      return Promise.resolve({ to: 'client@exemplu.ro', sentAt: '2026-12-06T10:00:00Z' } as T);
    };
    expect(documentMailBody(form)).toEqual({ to: 'client@exemplu.ro', subject: 'Devizul 12', text: form.text });
    await expect(sendDocumentMail(fetcher, '/api/orders/o1/email', 'tok', form)).resolves.toEqual({ to: 'client@exemplu.ro', sentAt: '2026-12-06T10:00:00Z' });
    expect(calls).toEqual([['/api/orders/o1/email', { method: 'POST', json: documentMailBody(form), token: 'tok' }]]);
  });
});

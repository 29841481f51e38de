/**
 * Sending a document (deviz, invoice) by e-mail: the form as plain data, its checks (the server's limits,
 * said before the request), and the request. The server renders the PDF itself and attaches it
 * (`POST /api/orders/:id/email`, `POST /api/invoices/:id/email`), so the form sends only the words.
 */

export type DocumentMailForm = { to: string; subject: string; text: string };
export type DocumentMailField = keyof DocumentMailForm;

/** The limits of the server's `documentMailBody`. */
export const documentMailLimits = { to: 254, subject: 200, text: 5000 } as const;

const emailShape = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** The fields that cannot be sent as typed, each with its message key. */
export function documentMailProblems(form: DocumentMailForm): Partial<Record<DocumentMailField, string>> {
  const problems: Partial<Record<DocumentMailField, string>> = {};
  const to = form.to.trim();
  if (!emailShape.test(to) || to.length > documentMailLimits.to) problems.to = 'core.documentMail.errTo';
  const subject = form.subject.trim();
  if (!subject || subject.length > documentMailLimits.subject) problems.subject = 'core.documentMail.errSubject';
  if (form.text.length > documentMailLimits.text) problems.text = 'core.documentMail.errText';
  return problems;
}

/** The request's body: trimmed address and subject, the text as typed. */
export function documentMailBody(form: DocumentMailForm): DocumentMailForm {
  return { to: form.to.trim(), subject: form.subject.trim(), text: form.text };
}

type Fetch = <T>(path: string, init: RequestInit & { json?: unknown; token?: string }) => Promise<T>;

/** Sends the form to a document's e-mail route; the answer says to whom it went. */
export async function sendDocumentMail(fetcher: Fetch, path: string, token: string, form: DocumentMailForm): Promise<{ to: string; sentAt: string }> {
  return fetcher<{ to: string; sentAt: string }>(path, { method: 'POST', json: documentMailBody(form), token });
}

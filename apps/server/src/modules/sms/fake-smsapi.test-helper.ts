import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type SmsapiRequest = { method: string; url: string; headers: http.IncomingHttpHeaders; raw: string; form: URLSearchParams };

/**
 * A local stand-in for SMSAPI's `/sms.do`: it records every request as received and answers in the
 * documented JSON shape (`{ count, list: [{ id, points, number, status, idx, … }] }`), or with what a
 * test sets (`{ error, message }`, a server error), optionally after a delay.
 */
export async function fakeSmsapi() {
  const requests: SmsapiRequest[] = [];
  let next = 1;
  const state: { delayMs: number; answer: ((form: URLSearchParams) => { status: number; body: unknown }) | null } = { delayMs: 0, answer: null };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const form = new URLSearchParams(raw);
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, raw, form });
      const reply = () => {
        const custom = state.answer?.(form);
        const id = `6${String(next++).padStart(9, '0')}`;
        const body = custom?.body ?? {
          count: 1,
          list: [{ id, points: 0.07, number: form.get('to'), date_sent: Math.floor(Date.now() / 1000), submitted_number: form.get('to'), status: 'QUEUE', error: null, idx: form.get('idx'), parts: 1 }],
        };
        res.writeHead(custom?.status ?? 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (state.delayMs) setTimeout(reply, state.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

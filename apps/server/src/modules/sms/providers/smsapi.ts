import { z } from 'zod';
import type { SmsProvider } from './provider';

/**
 * SMSAPI's REST API (SMSAPI.ro): POST `<url>/sms.do` with the account's OAuth token as a bearer token
 * and form fields; `format=json` answers `{ count, list: [{ id, points, number, status, … }] }`, or
 * `{ error, message }` when it refuses the message. `idx` carries the message's id and `check_idx=1`
 * makes SMSAPI refuse an idx it has already sent, so a message retried after a crash never goes twice.
 */
export function smsapiProvider(options: { url: string; token: string; fetch?: typeof fetch; timeoutMs?: number }): SmsProvider {
  const doFetch = options.fetch ?? fetch;
  return {
    name: 'smsapi',
    async send(req) {
      const form = new URLSearchParams({
        to: req.to, message: req.text, format: 'json', encoding: 'utf-8', idx: req.idx, check_idx: '1',
      });
      if (req.from) form.set('from', req.from);
      if (req.notifyUrl) form.set('notify_url', req.notifyUrl);
      let res: Response;
      try {
        res = await doFetch(`${options.url}/sms.do`, {
          method: 'POST',
          headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
          body: form.toString(),
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (err) {
        return { ok: false, error: `SMSAPI could not be reached: ${err instanceof Error ? err.message : String(err)}`, retry: true };
      }
      const body: unknown = await res.json().catch(() => null);
      const refused = refusal.safeParse(body);
      if (refused.success) return { ok: false, error: `SMSAPI ${refused.data.error}: ${refused.data.message ?? ''}`.trim(), retry: false };
      if (res.status >= 500 || res.status === 429) return { ok: false, error: `SMSAPI answered HTTP ${res.status}`, retry: true };
      const sent = accepted.safeParse(body);
      const first = sent.success ? sent.data.list[0] : undefined;
      if (!res.ok || !first) return { ok: false, error: `SMSAPI answered HTTP ${res.status} without a message id`, retry: false };
      return { ok: true, providerId: String(first.id), points: first.points ?? null };
    },
  };
}

const refusal = z.object({ error: z.union([z.number(), z.string()]), message: z.string().optional() });
const accepted = z.object({
  count: z.number(),
  list: z.array(z.object({ id: z.union([z.string(), z.number()]), points: z.coerce.number().optional(), number: z.string().optional(), status: z.string().optional() })),
});

import type { SmsProvider } from './provider';

/**
 * The default provider: nothing leaves the machine. The message is marked sent and stays in the
 * company's messages (the Messages page), where the owner reads what would have gone out.
 */
export function outboxProvider(): SmsProvider {
  return {
    name: 'outbox',
    send: (req) => Promise.resolve({ ok: true, providerId: `outbox:${req.idx}`, points: null }),
  };
}

/** What the server asks a provider to send: one SMS to one number. */
export type SmsSendRequest = {
  /** International digits (normalizePhone). */
  to: string;
  text: string;
  /** The company's sender name; null: the account's default. */
  from: string | null;
  /** The message's id: the provider returns it in delivery reports and refuses it twice. */
  idx: string;
  /** Where the provider reports delivery; null when callbacks are off. */
  notifyUrl: string | null;
};

export type SmsSendResult =
  | { ok: true; providerId: string; /** What the provider charged (points), when it says. */ points: number | null }
  /** `retry`: the provider could not be reached or failed on its side; the message may go later. */
  | { ok: false; error: string; retry: boolean };

/** An SMS provider: how a message leaves the machine (or, for the outbox, does not). */
export type SmsProvider = {
  readonly name: 'outbox' | 'smsapi';
  send(req: SmsSendRequest): Promise<SmsSendResult>;
};

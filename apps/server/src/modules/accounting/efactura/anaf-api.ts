import { z } from 'zod';

/**
 * ANAF's e-Factura through the SPV, as its public documentation describes it:
 * - OAuth2 (authorization code) at `<ANAF_OAUTH_URL>/authorize|token|revoke`;
 * - the REST API at `<ANAF_API_URL>` (`…/test/FCTEL/rest` or `…/prod/FCTEL/rest`): `POST /upload?standard=UBL|CN&cif=`
 *   (answers `<header ExecutionStatus="0" index_incarcare="…"/>`), `GET /stareMesaj?id_incarcare=` (`<header stare="ok|nok|in
 *   prelucrare" id_descarcare="…"/>`), `GET /descarcare?id=` (a ZIP), `GET /listaMesajeFactura?zile=&cif=` and
 *   `GET /listaMesajePaginatieFactura?startTime=&endTime=&cif=&pagina=` (JSON `{ mesaje: [...] }`).
 * The HTTP adapter below; tests run it against a local fake (fake-anaf.test-helper.ts).
 */

export type TokenSet = { accessToken: string; refreshToken: string; expiresAt: Date };
export type UploadAnswer = { ok: true; index: string } | { ok: false; errors: string[] };
export type StateAnswer =
  | { state: 'processing' }
  | { state: 'ok' | 'nok'; downloadId: string }
  | { state: 'refused'; errors: string[] };
export type AnafMessage = { id: string; uploadIndex: string; type: string; cif: string; createdAt: string; details: string };
export type MessagePage = { messages: AnafMessage[]; pages: number };

/** An answer of ANAF that is not one the API documents as a result: HTTP status and what it said. */
export class AnafHttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'AnafHttpError';
  }

  /** 401: the access token expired or was revoked. */
  get unauthorized(): boolean {
    return this.status === 401;
  }

  /** Worth trying again later: rate limited, ANAF's own failure, or no answer at all (status 0). */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export type EfacturaApi = {
  authorizeUrl(state: string): string;
  exchangeCode(code: string): Promise<TokenSet>;
  refresh(refreshToken: string): Promise<TokenSet>;
  revoke(refreshToken: string): Promise<void>;
  upload(accessToken: string, xml: string, standard: 'UBL' | 'CN', cif: string): Promise<UploadAnswer>;
  state(accessToken: string, uploadIndex: string): Promise<StateAnswer>;
  download(accessToken: string, downloadId: string): Promise<Uint8Array>;
  /** The messages of the last `days` days (1 to 60). */
  messages(accessToken: string, cif: string, days: number): Promise<AnafMessage[]>;
  /** One page (from 1) of the messages between two moments. */
  messagePage(accessToken: string, cif: string, from: Date, until: Date, page: number): Promise<MessagePage>;
};

const entities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** An XML text with its entity and character references resolved. */
export function xmlText(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return entities[ref] ?? whole;
  });
}

/** The attributes of each element named `name` (any prefix) in a small XML answer of ANAF. */
export function elementAttributes(xml: string, name: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  const element = new RegExp(`<(?:[\\w.-]+:)?${name}\\b([^>]*?)/?>`, 'g');
  for (const m of xml.matchAll(element)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
      const key = a[1];
      if (key) attrs[key] = xmlText(a[3] ?? a[4] ?? '');
    }
    found.push(attrs);
  }
  return found;
}

/** The `errorMessage` of every `Error`/`Errors` element (upload answers, states, the errors ZIP). */
export function anafErrors(xml: string): string[] {
  return [...elementAttributes(xml, 'Errors'), ...elementAttributes(xml, 'Error')]
    .map((a) => a.errorMessage ?? a.errormessage ?? '').filter((m) => m.trim() !== '');
}

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
});

const messageSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  id_solicitare: z.union([z.string(), z.number()]).transform(String),
  tip: z.string(),
  cif: z.union([z.string(), z.number()]).transform(String).default(''),
  data_creare: z.string().default(''),
  detalii: z.string().default(''),
});
const messagesAnswer = z.object({
  mesaje: z.array(z.unknown()).optional(),
  eroare: z.string().optional(),
  numar_total_pagini: z.coerce.number().optional(),
});

function toMessages(list: unknown[]): AnafMessage[] {
  return list.flatMap((raw) => {
    const m = messageSchema.safeParse(raw);
    return m.success ? [{ id: m.data.id, uploadIndex: m.data.id_solicitare, type: m.data.tip, cif: m.data.cif, createdAt: m.data.data_creare, details: m.data.detalii }] : [];
  });
}

export type EfacturaApiSettings = { oauthUrl: string; apiUrl: string; clientId: string; clientSecret: string; redirectUri: string; timeoutMs?: number };

/** The HTTP adapter of ANAF's OAuth2 and e-Factura API. */
export class AnafEfacturaHttp implements EfacturaApi {
  constructor(private readonly s: EfacturaApiSettings) {}

  authorizeUrl(state: string): string {
    const q = new URLSearchParams({ response_type: 'code', client_id: this.s.clientId, redirect_uri: this.s.redirectUri, state, token_content_type: 'jwt' });
    return `${this.s.oauthUrl}/authorize?${q.toString()}`;
  }

  private async call(url: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.s.timeoutMs ?? 60_000) });
    } catch (err) {
      throw new AnafHttpError(0, `ANAF could not be reached: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!res.ok) {
      const body = (await res.text().catch(() => '')).slice(0, 300);
      throw new AnafHttpError(res.status, `ANAF answered ${res.status}${body ? `: ${body}` : ''}`);
    }
    return res;
  }

  private async token(form: Record<string, string>): Promise<TokenSet> {
    const res = await this.call(`${this.s.oauthUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ ...form, client_id: this.s.clientId, client_secret: this.s.clientSecret }).toString(),
    });
    const parsed = tokenAnswer.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new AnafHttpError(502, 'ANAF\'s token answer is not in the documented shape');
    const t = parsed.data;
    return { accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: new Date(Date.now() + t.expires_in * 1000) };
  }

  exchangeCode(code: string): Promise<TokenSet> {
    return this.token({ grant_type: 'authorization_code', code, redirect_uri: this.s.redirectUri, token_content_type: 'jwt' });
  }

  refresh(refreshToken: string): Promise<TokenSet> {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken, token_content_type: 'jwt' });
  }

  async revoke(refreshToken: string): Promise<void> {
    await this.call(`${this.s.oauthUrl}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token', client_id: this.s.clientId, client_secret: this.s.clientSecret }).toString(),
    });
  }

  private auth(accessToken: string): Record<string, string> {
    return { authorization: `Bearer ${accessToken}` };
  }

  async upload(accessToken: string, xml: string, standard: 'UBL' | 'CN', cif: string): Promise<UploadAnswer> {
    const q = new URLSearchParams({ standard, cif });
    const res = await this.call(`${this.s.apiUrl}/upload?${q.toString()}`, {
      method: 'POST', headers: { ...this.auth(accessToken), 'content-type': 'text/plain; charset=utf-8' }, body: xml,
    });
    const text = await res.text();
    const header = elementAttributes(text, 'header')[0] ?? {};
    const index = header.index_incarcare;
    if (header.ExecutionStatus === '0' && index) return { ok: true, index };
    const errors = anafErrors(text);
    return { ok: false, errors: errors.length ? errors : ['ANAF did not take the file (no upload index)'] };
  }

  async state(accessToken: string, uploadIndex: string): Promise<StateAnswer> {
    const res = await this.call(`${this.s.apiUrl}/stareMesaj?${new URLSearchParams({ id_incarcare: uploadIndex }).toString()}`, {
      headers: this.auth(accessToken),
    });
    const text = await res.text();
    const header = elementAttributes(text, 'header')[0] ?? {};
    const stare = header.stare;
    if (stare === 'in prelucrare') return { state: 'processing' };
    if ((stare === 'ok' || stare === 'nok') && header.id_descarcare) return { state: stare, downloadId: header.id_descarcare };
    const errors = anafErrors(text);
    return { state: 'refused', errors: errors.length ? errors : [stare ? `ANAF: ${stare}` : 'ANAF\'s answer has no state'] };
  }

  async download(accessToken: string, downloadId: string): Promise<Uint8Array> {
    const res = await this.call(`${this.s.apiUrl}/descarcare?${new URLSearchParams({ id: downloadId }).toString()}`, { headers: this.auth(accessToken) });
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A ZIP starts with "PK"; otherwise ANAF wrote its error as JSON.
    if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new AnafHttpError(404, `ANAF has no file ${downloadId}: ${Buffer.from(bytes.slice(0, 300)).toString('utf8')}`);
    return bytes;
  }

  private async messageList(url: string, accessToken: string): Promise<{ messages: AnafMessage[]; pages: number }> {
    const res = await this.call(url, { headers: { ...this.auth(accessToken), accept: 'application/json' } });
    const parsed = messagesAnswer.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new AnafHttpError(502, 'ANAF\'s message list is not in the documented shape');
    // "Nu exista mesaje…" is an empty list, written as an error.
    return { messages: toMessages(parsed.data.mesaje ?? []), pages: parsed.data.numar_total_pagini ?? 1 };
  }

  async messages(accessToken: string, cif: string, days: number): Promise<AnafMessage[]> {
    const q = new URLSearchParams({ zile: String(Math.min(60, Math.max(1, Math.round(days)))), cif });
    return (await this.messageList(`${this.s.apiUrl}/listaMesajeFactura?${q.toString()}`, accessToken)).messages;
  }

  async messagePage(accessToken: string, cif: string, from: Date, until: Date, page: number): Promise<MessagePage> {
    const q = new URLSearchParams({ startTime: String(from.getTime()), endTime: String(until.getTime()), cif, pagina: String(page) });
    return this.messageList(`${this.s.apiUrl}/listaMesajePaginatieFactura?${q.toString()}`, accessToken);
  }
}

import { DomainError, normalizeCui } from '@roaauto/shared';
import { z } from 'zod';

/**
 * ANAF's public register of VAT payers (PlatitorTvaRest v9): `POST <base>/api/PlatitorTvaRest/v9/tva` with a
 * JSON array of `{ cui, data }` (up to 100 a request, one request a second), answered with `found` (the
 * companies, each with `date_generale`, `inregistrare_scop_Tva`, `inregistrare_RTVAI`, `stare_inactiv`,
 * `adresa_sediu_social`…) and `notFound` (the codes it does not know).
 */
/** ANAF's public host for its web services without authentication. */
export const defaultAnafBaseUrl = 'https://webservicesp.anaf.ro';
export const anafPath = '/api/PlatitorTvaRest/v9/tva';
export const anafMaxPerRequest = 100;
export const anafIntervalMs = 1000;

/** A company as the app uses it: what fills a customer (and the sign of VAT, e-Factura and inactivity). */
export type AnafCompany = {
  cui: string;
  denumire: string;
  nrRegCom: string | null;
  telefon: string | null;
  codPostal: string | null;
  /** The registered office as one line, as ANAF writes it. */
  adresa: string | null;
  stareInregistrare: string | null;
  /** Registered for VAT on the day asked for. */
  platitorTva: boolean;
  /** Applies VAT on receipt (TVA la încasare). */
  tvaLaIncasare: boolean;
  /** In the register of e-Factura users. */
  eFactura: boolean;
  /** Declared inactive by ANAF (invoices to it carry risk). */
  inactiv: boolean;
  /** The registered office by its parts. */
  sediu: {
    strada: string | null; numar: string | null; localitate: string | null; judet: string | null; judetAuto: string | null;
    detalii: string | null; codPostal: string | null;
  };
};

export type AnafAnswer = { status: 'found'; company: AnafCompany } | { status: 'not_found'; cui: string };

/** Looks companies up by CUI (digits, no RO). The HTTP adapter below; a test may give its own. */
export type CompanyRegistry = { lookup(cui: string): Promise<AnafAnswer> };

const text = z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim()));
const flag = z.boolean().nullish().transform((v) => v === true);

const foundSchema = z.object({
  date_generale: z.object({
    cui: z.union([z.string(), z.number()]).transform(String),
    denumire: z.string(),
    adresa: text,
    nrRegCom: text,
    telefon: text,
    codPostal: text,
    stare_inregistrare: text,
    statusRO_e_Factura: flag,
  }),
  inregistrare_scop_Tva: z.object({ scpTVA: flag }).nullish(),
  inregistrare_RTVAI: z.object({ statusTvaIncasare: flag }).nullish(),
  stare_inactiv: z.object({ statusInactivi: flag }).nullish(),
  adresa_sediu_social: z.object({
    sdenumire_Strada: text, snumar_Strada: text, sdenumire_Localitate: text, sdenumire_Judet: text,
    scod_JudetAuto: text, sdetalii_Adresa: text, scod_Postal: text,
  }).nullish(),
});

const responseSchema = z.object({
  found: z.array(z.unknown()).default([]),
  notFound: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
});

/** One company of ANAF's `found` array, or null when it is not in the documented shape. */
export function companyOf(raw: unknown): AnafCompany | null {
  const parsed = foundSchema.safeParse(raw);
  if (!parsed.success) return null;
  const f = parsed.data;
  const g = f.date_generale;
  const s = f.adresa_sediu_social;
  return {
    cui: normalizeCui(g.cui),
    denumire: g.denumire.trim(),
    nrRegCom: g.nrRegCom,
    telefon: g.telefon,
    codPostal: g.codPostal,
    adresa: g.adresa,
    stareInregistrare: g.stare_inregistrare,
    platitorTva: f.inregistrare_scop_Tva?.scpTVA ?? false,
    tvaLaIncasare: f.inregistrare_RTVAI?.statusTvaIncasare ?? false,
    eFactura: g.statusRO_e_Factura,
    inactiv: f.stare_inactiv?.statusInactivi ?? false,
    sediu: {
      strada: s?.sdenumire_Strada ?? null, numar: s?.snumar_Strada ?? null, localitate: s?.sdenumire_Localitate ?? null,
      judet: s?.sdenumire_Judet ?? null, judetAuto: s?.scod_JudetAuto ?? null, detalii: s?.sdetalii_Adresa ?? null,
      codPostal: s?.scod_Postal ?? null,
    },
  };
}

type Pending = { cui: string; resolve(a: AnafAnswer): void; reject(e: unknown): void };

/** Spaces requests to ANAF: one at a time, at least `intervalMs` apart. One per process (`anafGate`). */
export class RequestGate {
  private last = -Infinity;
  private tail: Promise<void> = Promise.resolve();
  constructor(readonly intervalMs: number, private readonly now: () => number = () => Date.now()) {}

  /** Runs `task` when its turn comes: after the previous one ended and `intervalMs` after it began. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const turn = this.tail.then(async () => {
      const wait = this.last + this.intervalMs - this.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      this.last = this.now();
      return task();
    });
    this.tail = turn.then(() => undefined, () => undefined);
    return turn;
  }
}

/** The process's one gate: every registry of the process shares ANAF's limit. */
export const anafGate = new RequestGate(anafIntervalMs);

export type AnafHttpOptions = {
  baseUrl: string;
  gate?: RequestGate;
  /** How long an answer (also "not found") is kept, per CUI. */
  cacheMs?: number;
  /** How many answers are kept at most. */
  cacheEntries?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** The day the VAT status is asked for (YYYY-MM-DD, Romania's day). */
  today?: () => string;
};

function romanianToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Bucharest', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/**
 * The HTTP adapter: lookups waiting for the same turn of the gate go in one request (up to 100 CUIs),
 * answers are cached per CUI, and a failure (ANAF down, an answer not in its documented shape) is
 * `service_unavailable` for every lookup of that request and is not cached.
 */
export class AnafHttpRegistry implements CompanyRegistry {
  private readonly cache = new Map<string, { at: number; answer: AnafAnswer }>();
  private readonly waiting: Pending[] = [];
  private scheduled = false;
  private readonly gate: RequestGate;
  private readonly cacheMs: number;
  private readonly cacheEntries: number;
  private readonly timeoutMs: number;
  private readonly fetcher: typeof fetch;
  private readonly today: () => string;
  /** Requests sent to ANAF (for the logs and the tests). */
  requests = 0;

  constructor(private readonly options: AnafHttpOptions) {
    this.gate = options.gate ?? anafGate;
    this.cacheMs = options.cacheMs ?? 24 * 60 * 60 * 1000;
    this.cacheEntries = options.cacheEntries ?? 10_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetcher = options.fetch ?? fetch;
    this.today = options.today ?? romanianToday;
  }

  lookup(input: string): Promise<AnafAnswer> {
    const cui = normalizeCui(input);
    const hit = this.cache.get(cui);
    if (hit && Date.now() - hit.at < this.cacheMs) return Promise.resolve(hit.answer);
    return new Promise<AnafAnswer>((resolve, reject) => {
      this.waiting.push({ cui, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    void this.gate.run(async () => {
      this.scheduled = false;
      const batch = this.waiting.splice(0, anafMaxPerRequest);
      if (this.waiting.length > 0) this.schedule();
      if (batch.length > 0) await this.send(batch);
    });
  }

  private async send(batch: Pending[]): Promise<void> {
    const cuis = [...new Set(batch.map((p) => p.cui))];
    try {
      const answers = await this.request(cuis);
      for (const p of batch) {
        const answer = answers.get(p.cui);
        if (answer) p.resolve(answer);
        else p.reject(new DomainError('service_unavailable', 'ANAF did not answer for this CUI', { service: 'anaf' }));
      }
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }

  private async request(cuis: string[]): Promise<Map<string, AnafAnswer>> {
    this.requests++;
    const day = this.today();
    let body: unknown;
    try {
      const res = await this.fetcher(`${this.options.baseUrl.replace(/\/+$/, '')}${anafPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(cuis.map((cui) => ({ cui: Number(cui), data: day }))),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!res.ok) throw new Error(`ANAF answered ${res.status}`);
      body = await res.json();
    } catch (err) {
      throw new DomainError('service_unavailable', `ANAF could not be reached: ${err instanceof Error ? err.message : String(err)}`, { service: 'anaf' });
    }
    const parsed = responseSchema.safeParse(body);
    if (!parsed.success) throw new DomainError('service_unavailable', 'ANAF answered in an unknown shape', { service: 'anaf' });
    const answers = new Map<string, AnafAnswer>();
    for (const raw of parsed.data.found) {
      const company = companyOf(raw);
      if (company) answers.set(company.cui, { status: 'found', company });
    }
    for (const cui of parsed.data.notFound) answers.set(normalizeCui(cui), { status: 'not_found', cui: normalizeCui(cui) });
    const at = Date.now();
    for (const [cui, answer] of answers) {
      if (!cuis.includes(cui)) continue;
      this.cache.delete(cui);
      this.cache.set(cui, { at, answer });
    }
    // The oldest answers go first once the cache holds its most (a Map keeps the order they were set in).
    for (const cui of this.cache.keys()) {
      if (this.cache.size <= this.cacheEntries) break;
      this.cache.delete(cui);
    }
    return answers;
  }
}

import { ApiError, DomainError, seriesNameRe, type InvoiceSeries, type SeriesDocument } from '@roaauto/shared';
import { apiFetch } from '@/app/api';
import { useSession } from '@/app/session';
import type { LocalDatabase } from '@/db/local-database';
import { nextSeriesName } from './device-series';

/**
 * Invoice series on this device (see docs/accounting.md): each device numbers invoices only in the
 * series it holds. Without an account this browser is the only device and makes its series itself;
 * with one, the server makes it (a name is used once per company) and it arrives here by sync.
 */
/** Series that number invoices (receipt series number receipts, with the same machinery). */
const invoiceKind = `COALESCE(tip_document, 'factura') = 'factura'`;

/** The active series this device holds, oldest first (one query for the pages and for issuing). */
export const heldSeriesSql = `SELECT * FROM invoice_series WHERE activa = 1 AND ${invoiceKind} AND client_id = (SELECT value FROM _sync_meta WHERE key = 'client_id') ORDER BY created_at, serie`;

/** The active receipt (chitanță) series this device holds, oldest first. */
export const heldReceiptSeriesSql = `SELECT * FROM invoice_series WHERE activa = 1 AND tip_document = 'chitanta' AND client_id = (SELECT value FROM _sync_meta WHERE key = 'client_id') ORDER BY created_at, serie`;

/** Every series of the company this device knows of, whether it holds it (`KnownSeries`), oldest first. */
export const knownSeriesSql = `SELECT serie, activa, COALESCE(client_id = (SELECT value FROM _sync_meta WHERE key = 'client_id'), 0) AS mine FROM invoice_series WHERE ${invoiceKind} ORDER BY created_at, serie`;

export function mySeries(db: LocalDatabase): Promise<InvoiceSeries[]> {
  return db.query<InvoiceSeries>(heldSeriesSql);
}

/** A name for this device's first series: the profile's proposal, then with 2, 3… until one is free. */
export async function proposeSeriesName(db: LocalDatabase, base: string | null, alsoTaken: Iterable<string> = []): Promise<string> {
  const taken = new Set((await db.query<{ serie: string }>(`SELECT serie FROM invoice_series`)).map((r) => r.serie));
  for (const name of alsoTaken) taken.add(name);
  return nextSeriesName(base, taken);
}

export async function createSeries(
  db: LocalDatabase, input: { serie: string; numarStart: number; descriere: string | null; tipDocument?: SeriesDocument },
): Promise<void> {
  const tipDocument = input.tipDocument ?? 'factura';
  const serie = input.serie.trim().toUpperCase();
  if (!seriesNameRe.test(serie)) throw new DomainError('validation_failed', 'invalid series');
  const session = useSession();
  const clientId = await db.clientId();
  if (!session.account?.tenant) {
    const [taken] = await db.query(`SELECT 1 FROM invoice_series WHERE serie = ?`, [serie]);
    if (taken) throw new DomainError('conflict', 'taken');
    await db.create('invoice_series', {
      serie, numar_start: input.numarStart, ultimul_numar: input.numarStart - 1, client_id: clientId, descriere: input.descriere, activa: 1,
      tip_document: tipDocument === 'chitanta' ? 'chitanta' : null,
    });
    return;
  }
  await apiFetch('/api/accounting/series', {
    method: 'POST', json: { clientId, serie, numarStart: input.numarStart, descriere: input.descriere, tipDocument }, token: await session.accessToken(),
  });
  await db.syncNow();
}

/**
 * This device's first series in one tap: `serie` (the name the page showed), or, when another device
 * took that name and this one had not synced it yet, the next free one. Returns the name made.
 */
export async function createDeviceSeries(db: LocalDatabase, serie: string, base: string | null): Promise<string> {
  const refused: string[] = [];
  let name = serie;
  for (;;) {
    try {
      await createSeries(db, { serie: name, numarStart: 1, descriere: null });
      return name;
    } catch (err) {
      if (!(err instanceof DomainError || err instanceof ApiError) || err.code !== 'conflict' || refused.length >= 3) throw err;
      refused.push(name);
      await db.syncNow().catch(() => undefined);
      name = await proposeSeriesName(db, base, refused);
    }
  }
}

export async function claimSeries(db: LocalDatabase, id: string): Promise<void> {
  const session = useSession();
  await apiFetch(`/api/accounting/series/${id}/claim`, { method: 'POST', json: { clientId: await db.clientId() }, token: await session.accessToken() });
  await db.syncNow();
}

/**
 * This device's receipt series, made on first use ("CH", then "CH2"… when another device has it):
 * receipts are numbered like invoices, one series per device (docs/accounting.md).
 */
export async function receiptSeries(db: LocalDatabase): Promise<InvoiceSeries> {
  const [held] = await db.query<InvoiceSeries>(heldReceiptSeriesSql);
  if (held) return held;
  const refused: string[] = [];
  for (;;) {
    const name = await proposeSeriesName(db, 'CH', refused);
    try {
      await createSeries(db, { serie: name, numarStart: 1, descriere: null, tipDocument: 'chitanta' });
      break;
    } catch (err) {
      if (!(err instanceof DomainError || err instanceof ApiError) || err.code !== 'conflict' || refused.length >= 3) throw err;
      refused.push(name);
      await db.syncNow().catch(() => undefined);
    }
  }
  const [made] = await db.query<InvoiceSeries>(heldReceiptSeriesSql);
  if (!made) throw new DomainError('conflict', 'The receipt series has not reached this device yet');
  return made;
}

import {
  currentProfile, invoiceFileName, sagaMonthEnd, sagaMonthFiles,
  type InvoiceDocument, type PaymentMethod, type ReceivedDocument, type SagaFile, type SagaMonthInput, type SagaPaymentInput, type SqlRow, type SqlValue,
} from '@roaauto/shared';
import type { PackageFile } from './slots';

export { accountantPackageFiles, type PackageFile } from './slots';

/**
 * The month's package for the accountant (docs/reports-accountant.md), read from the local database, offline:
 * the SAGA import files, each issued invoice's PDF and e-Factura XML, ANAF's answer where the server has it,
 * and what other parts of the app add (the journals) through `accountantPackageFiles`.
 */

/** The queries the package needs, whatever runs them (the local database, a test's rows). */
export type MonthSource = { query<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]> };

export type MonthData = SagaMonthInput & { logo: string | null };

/** The month's first and last day, YYYY-MM-DD. */
export function monthRange(month: string): [string, string] {
  return [`${month}-01`, sagaMonthEnd(month)];
}

/** The month before `today`'s, YYYY-MM: what an accountant asks for in the first days of a month. */
export function previousMonth(today: string): string {
  const [y = 0, m = 1] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Everything the month's package is made from: issued invoices and credit notes, supplier invoices, payments. */
export async function readMonth(db: MonthSource, month: string): Promise<MonthData> {
  const [from, to] = monthRange(month);
  const issued = await db.query<{ id: string; document: string }>(
    'SELECT id, document FROM invoices WHERE data_factura >= ? AND data_factura <= ? ORDER BY data_factura, serie_factura, nr_factura', [from, to]);
  const received = await db.query<{ id: string; document: string }>(
    'SELECT id, document FROM received_invoices WHERE data_emitere >= ? AND data_emitere <= ? AND duplicat = 0 ORDER BY data_emitere, numar', [from, to]);
  type PaymentRow = {
    data: string; suma: number; metoda: PaymentMethod; referinta: string | null; ch_serie: string | null; ch_numar: number | null;
    factura_id: string; serie_factura: string; nr_factura: number; data_factura: string; client_cod_fiscal: string | null;
  };
  const payments = await db.query<PaymentRow>(
    `SELECT p.data, p.suma, p.metoda, p.referinta, r.serie AS ch_serie, r.numar AS ch_numar,
            i.id AS factura_id, i.serie_factura, i.nr_factura, i.data_factura, i.client_cod_fiscal
       FROM payments p JOIN invoices i ON i.id = p.factura_id LEFT JOIN receipts r ON r.payment_id = p.id
      WHERE p.data >= ? AND p.data <= ? AND p.anulata_la IS NULL
      ORDER BY p.data, i.serie_factura, i.nr_factura`, [from, to]);
  const profiles = await db.query<{ id: string; created_at: string; logo: string | null }>('SELECT id, created_at, logo FROM company_profile');
  return {
    month,
    logo: currentProfile(profiles)?.logo ?? null,
    issued: issued.map((r) => ({ id: r.id, document: JSON.parse(r.document) as InvoiceDocument })),
    received: received.map((r) => ({ id: r.id, document: JSON.parse(r.document) as ReceivedDocument })),
    payments: payments.map((p): SagaPaymentInput => ({
      data: p.data, suma: p.suma, metoda: p.metoda, referinta: p.referinta,
      chitanta: p.ch_serie !== null && p.ch_numar !== null ? { serie: p.ch_serie, numar: p.ch_numar } : null,
      factura: { id: p.factura_id, serie: p.serie_factura, numar: p.nr_factura, data: p.data_factura, clientCodFiscal: p.client_cod_fiscal },
    })),
  };
}

/** The SAGA files alone, under `saga/`. */
export function sagaPackageFiles(data: SagaMonthInput): PackageFile[] {
  return sagaMonthFiles(data).map((f: SagaFile) => ({ path: `saga/${f.name}`, content: f.content }));
}

/** How each issued invoice's documents are made: on the device (PDF, XML) and from the server (ANAF's ZIP, null when it has none). */
export type DocumentMakers = {
  pdf(doc: InvoiceDocument, logo: string | null): Promise<Uint8Array>;
  xml(doc: InvoiceDocument): Promise<string>;
  anafZip: ((invoiceId: string) => Promise<Uint8Array | null>) | null;
};

export type PackageSummary = { invoices: number; received: number; payments: number; anafAnswers: number; anafMissing: string[]; extra: number };

/**
 * Every file of the month's package, in order: the SAGA files, then per invoice its PDF, its e-Factura XML and
 * ANAF's ZIP (signed XML and signature, or the errors), then what contributions add, and a short README.
 * `progress` gets the share done (0 to 1) after each invoice.
 */
export async function packageFiles(
  data: MonthData,
  makers: DocumentMakers,
  extras: readonly ((month: string) => Promise<PackageFile[]>)[],
  progress: (done: number) => void = () => undefined,
): Promise<{ files: PackageFile[]; summary: PackageSummary }> {
  const files = sagaPackageFiles(data);
  const summary: PackageSummary = { invoices: data.issued.length, received: data.received.length, payments: data.payments.length, anafAnswers: 0, anafMissing: [], extra: 0 };
  const steps = data.issued.length + extras.length + 1;
  let done = 0;
  for (const inv of data.issued) {
    const doc = inv.document;
    files.push({ path: `facturi/${invoiceFileName(doc, 'pdf')}`, content: await makers.pdf(doc, data.logo) });
    files.push({ path: `efactura/${invoiceFileName(doc, 'xml')}`, content: await makers.xml(doc) });
    const answer = makers.anafZip ? await makers.anafZip(inv.id) : null;
    if (answer) {
      files.push({ path: `efactura/anaf/${invoiceFileName(doc, 'xml').replace(/\.xml$/, '')}-anaf.zip`, content: answer });
      summary.anafAnswers += 1;
    } else {
      summary.anafMissing.push(`${doc.serie} ${doc.numar}`);
    }
    progress(++done / steps);
  }
  for (const extra of extras) {
    const added = await extra(data.month);
    files.push(...added);
    summary.extra += added.length;
    progress(++done / steps);
  }
  files.push({ path: 'CITESTE-MA.txt', content: readme(data.month, summary) });
  progress(1);
  return { files, summary };
}

/** The package's README, in Romanian (for the accountant). */
export function readme(month: string, s: PackageSummary): string {
  return [
    `Documentele lunii ${month}`,
    '',
    `saga/        fișiere de import SAGA C. (Diverse > Import date): ieșiri ${s.invoices}, intrări ${s.received}, încasări ${s.payments}`,
    'facturi/     factura sau stornarea, PDF',
    'efactura/    XML e-Factura (UBL 2.1, CIUS-RO) al fiecărei facturi emise',
    `efactura/anaf/  arhiva primită de la ANAF (XML semnat și semnătura) pentru ${s.anafAnswers} facturi`,
    ...(s.anafMissing.length ? [`             fără răspuns ANAF în pachet: ${s.anafMissing.join(', ')}`] : []),
    ...(s.extra ? [`alte fișiere: ${s.extra}`] : []),
    '',
  ].join('\r\n');
}

/** Where the accountant's address is kept on this device (see docs/reports-accountant.md). */
const emailKey = 'roaauto.reports.accountantEmail';

export function rememberedAccountantEmail(storage: Pick<Storage, 'getItem'> = localStorage): string {
  return storage.getItem(emailKey) ?? '';
}

export function rememberAccountantEmail(email: string, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(emailKey, email.trim());
}

/** The package's file name: "contabilitate-2026-11.zip". */
export const packageFileName = (month: string): string => `contabilitate-${month}.zip`;

/** Bytes as base64, in chunks (a whole month's PDFs are too many arguments for one call). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

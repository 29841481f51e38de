import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import {
  invoicesWithReceipt, leiToUnitPriceBani, matchInvoiceLine, newId, normalizeDecimalInput, shopDate, stockReceiptOps,
  type InvoiceLineForReceipt, type StockReceiptLineInput, type WriteOp,
} from '@roaauto/shared';
import { useDatabase } from '@/app/database';
import { errorText } from '@/app/errors';
import { useLiveQuery } from '@/app/live-query';
import { useOnline } from '@/app/online';
import { useSession } from '@/app/session';
import { useCompanyProfile } from '@/modules/core/company-profile';
import { productListQuery, type ProductListRow } from './products';
import { seriesForIssue } from './series-source';

/** A NIR line as typed: texts until issued. `matched` says how an invoice line found its product. */
export type ReceiptFormLine = {
  productId: string; cod: string; denumire: string; um: string; codFurnizor: string; cantitateDocument: string; cantitate: string; pret: string; cotaTva: string;
  matched: 'supplier_code' | 'ean' | 'user' | null;
};

type ProductPick = { id: string; cod: string; nume: string; um: string; cota_tva: string; pret_achizitie: number | null };
type Received = { id: string; furnizor_nume: string; furnizor_cui: string | null; numar: string; data_emitere: string; document: string; moneda: string };

const unitNames: Record<string, string> = { H87: 'buc', C62: 'buc', EA: 'buc', LTR: 'l', KGM: 'kg', MTR: 'm', SET: 'set' };
const lei = (bani: number | null) => (bani === null ? '' : (bani / 100).toFixed(2));

/** The new-NIR page's state: typed or from a received e-Factura invoice, lines matched to products, issue. */
export function useReceiptForm() {
  const { t } = useI18n();
  const router = useRouter();
  const database = useDatabase();
  const session = useSession();
  const online = useOnline();
  const { profile } = useCompanyProfile();
  const form = ref({ data: shopDate(new Date()), furnizorNume: '', furnizorCui: '', facturaNumar: '', facturaData: shopDate(new Date()), locationId: '', comisie: '', receivedId: null as string | null });
  const lines = ref<ReceiptFormLine[]>([]);
  const search = ref('');
  /** The line a picked product goes to; null adds a new line. */
  const pickingLine = ref<number | null>(null);
  const found = computed(() => productListQuery(search.value, 8));
  const products = useLiveQuery<ProductListRow>(['products', 'stock_movements'], () => found.value.sql, () => found.value.params);
  const locations = useLiveQuery<{ id: string; nume: string }>(['stock_locations'], 'SELECT id, nume FROM stock_locations WHERE activ = 1 ORDER BY nume');
  const receipts = useLiveQuery<{ received_invoice_id: string | null }>(['stock_receipts'], 'SELECT received_invoice_id FROM stock_receipts WHERE received_invoice_id IS NOT NULL');
  const inbox = useLiveQuery<Received>(['received_invoices'], `SELECT id, furnizor_nume, furnizor_cui, numar, data_emitere, document, moneda FROM received_invoices
    WHERE tip = 'factura' AND moneda = 'RON' ORDER BY data_emitere DESC LIMIT 100`);
  /** Received invoices without a NIR yet: one NIR per invoice. */
  const openInvoices = computed(() => {
    const done = invoicesWithReceipt(receipts.rows.value);
    return inbox.rows.value.filter((r) => !done.has(r.id));
  });
  const error = shallowRef<string | null>(null);
  const problems = ref<string[]>([]);

  async function productById(id: string): Promise<ProductPick | null> {
    const rows = await (await database.ready()).query<ProductPick>(
      'SELECT p.id, p.cod, p.nume, p.um, p.cota_tva, (SELECT c.pret_achizitie FROM product_costs c WHERE c.product_id = p.id ORDER BY c.updated_at DESC LIMIT 1) AS pret_achizitie FROM products p WHERE p.id = ?', [id],
    );
    return rows[0] ?? null;
  }

  async function pick(id: string): Promise<void> {
    const p = await productById(id);
    search.value = '';
    if (!p) return;
    const at = pickingLine.value;
    pickingLine.value = null;
    const line = at === null ? undefined : lines.value[at];
    if (line) {
      Object.assign(line, { productId: p.id, cod: p.cod, um: line.um || p.um, matched: 'user' });
      return;
    }
    lines.value.push({ productId: p.id, cod: p.cod, denumire: p.nume, um: p.um, codFurnizor: '', cantitateDocument: '1', cantitate: '1', pret: lei(p.pret_achizitie), cotaTva: p.cota_tva, matched: null });
  }

  /** Prefills supplier, invoice and lines from a received invoice, each line matched by supplier code, then EAN. */
  async function fromInvoice(id: string): Promise<void> {
    const inv = inbox.rows.value.find((r) => r.id === id);
    if (!inv) return;
    const db = await database.ready();
    const index = {
      supplierCodes: await db.query<{ product_id: string; furnizor_cui: string | null; cod: string }>('SELECT product_id, furnizor_cui, cod FROM product_supplier_codes'),
      barcodes: await db.query<{ id: string; cod_bare: string | null }>('SELECT id, cod_bare FROM products WHERE cod_bare IS NOT NULL'),
    };
    const doc = JSON.parse(inv.document) as { lines?: InvoiceLineForReceipt[] };
    const next: ReceiptFormLine[] = [];
    for (const l of doc.lines ?? []) {
      const match = matchInvoiceLine(l, inv.furnizor_cui, index);
      const p = match ? await productById(match.productId) : null;
      const q = normalizeDecimalInput(l.quantity, 3) ?? '';
      const price = leiToUnitPriceBani(l.unitPrice);
      next.push({
        productId: p?.id ?? '', cod: p?.cod ?? '', denumire: l.description, um: p?.um ?? unitNames[l.unit ?? ''] ?? 'buc', codFurnizor: l.sellerCode ?? '',
        cantitateDocument: q, cantitate: q, pret: price === null ? '' : String(price / 100), cotaTva: l.vatPercent ? String(Number(l.vatPercent)) : (p?.cota_tva ?? '21'), matched: p ? (match?.by ?? null) : null,
      });
    }
    form.value = { ...form.value, furnizorNume: inv.furnizor_nume, furnizorCui: inv.furnizor_cui ?? '', facturaNumar: inv.numar, facturaData: inv.data_emitere, receivedId: inv.id };
    lines.value = next;
  }

  function linesInput(): StockReceiptLineInput[] | null {
    const out: StockReceiptLineInput[] = [];
    const bad: string[] = [];
    for (const [i, l] of lines.value.entries()) {
      const n = i + 1;
      const cantitate = normalizeDecimalInput(l.cantitate, 3);
      const cantitateDocument = normalizeDecimalInput(l.cantitateDocument, 3);
      const pretLei = normalizeDecimalInput(l.pret, 4);
      const pretUnitar = pretLei === null ? null : leiToUnitPriceBani(pretLei);
      const cota = normalizeDecimalInput(l.cotaTva, 2);
      if (!l.productId) bad.push(t('warehouse.receipts.lineNoProduct', { n }));
      else if (!cantitate || Number(cantitate) <= 0 || !cantitateDocument || Number(cantitateDocument) <= 0) bad.push(t('warehouse.receipts.lineQuantity', { n }));
      else if (pretUnitar === null || cota === null) bad.push(t('warehouse.receipts.linePrice', { n }));
      else {
        out.push({
          productId: l.productId, cod: l.cod, codFurnizor: l.codFurnizor.trim() || null, denumire: l.denumire, um: l.um, cantitateDocument, cantitate, pretUnitar, cotaTva: cota,
          // A match the user made (or a typed supplier code) is remembered; one found by that code already is.
          rememberCode: l.codFurnizor.trim() !== '' && l.matched !== 'supplier_code',
        });
      }
    }
    problems.value = bad;
    return bad.length ? null : out;
  }

  async function issue(): Promise<void> {
    error.value = null;
    const f = form.value;
    const header = [
      !f.furnizorNume.trim() && t('warehouse.receipts.needSupplier'), !f.facturaNumar.trim() && t('warehouse.receipts.needInvoice'),
      !f.locationId && t('warehouse.receipts.needLocation'), lines.value.length === 0 && t('warehouse.receipts.needLines'),
    ].filter((x): x is string => typeof x === 'string');
    const input = linesInput();
    if (header.length) problems.value = [...header, ...problems.value];
    if (header.length || !input) return;
    try {
      const db = await database.ready();
      const { series, create } = await seriesForIssue(db, 'nir', { online: online.value, token: session.account ? () => session.accessToken() : null }, newId);
      const costs = new Map((await db.query<{ id: string; product_id: string }>('SELECT id, product_id FROM product_costs')).map((r) => [r.product_id, r.id]));
      const location = locations.rows.value.find((l) => l.id === f.locationId);
      const p = profile.value;
      const built = stockReceiptOps({
        series, userId: session.account?.user.id ?? null, data: f.data, unitate: { nume: p?.nume.trim() || '—', cui: p?.cui ?? null, adresa: p ? [p.adresa, p.localitate].filter(Boolean).join(', ') || null : null },
        gestiune: { id: f.locationId, nume: location?.nume ?? '—' }, furnizor: { nume: f.furnizorNume.trim(), cui: f.furnizorCui.trim() || null },
        factura: { numar: f.facturaNumar.trim(), data: f.facturaData }, facturaPrimitaId: f.receivedId, linii: input,
        comisie: f.comisie.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 5), observatii: null, emitent: session.account?.user.name ?? null,
      }, costs);
      const ops: WriteOp[] = create ? [{ op: 'create', table: 'warehouse_series', data: create }, ...built.ops] : built.ops;
      await db.write(ops);
      await router.push(`/warehouse/receipts/${built.receiptId}`);
    } catch (err) {
      error.value = errorText(t, err);
    }
  }

  return { form, lines, search, pickingLine, products, locations, openInvoices, error, problems, pick, fromInvoice, issue };
}

import { newId, normalizeCui } from '@roaauto/shared';
import type { Database } from '../../../core/db';
import { withTenant } from '../../../core/tenancy/tenant-scope';
import type { SyncService } from '../../../sync/sync.service';
import { companyProfile } from '../../core/documents';
import type { EfacturaApi } from './anaf-api';
import type { EfacturaConnections } from './connection';
import { readReceivedInvoice, toBani } from './received-ubl';
import { zipFiles } from './worker';

/** ANAF keeps messages for 60 days: the first reading looks that far back. */
const horizonMs = 60 * 86_400_000;
/** Each reading starts a day before the last one ended: messages listed late are not missed (a message is stored once). */
const overlapMs = 86_400_000;

export type ReceivedRun = { listed: number; stored: number; duplicates: number; unreadable: number };

/**
 * Reads a company's supplier invoices from e-Factura: its messages since the last reading (the paginated
 * list, page by page), each `FACTURA PRIMITA` not stored yet downloaded, read (received-ubl.ts) and
 * written to `received_invoices` for the devices; one with the supplier and number of a stored one is
 * marked a duplicate.
 */
export async function fetchReceived(
  deps: { database: Database; sync: SyncService; api: EfacturaApi; connections: EfacturaConnections },
  tenantId: string,
  now = new Date(),
): Promise<ReceivedRun> {
  const { database, sync, api, connections } = deps;
  const { cif, since } = await withTenant(database, tenantId, async (tx) => {
    const profile = await companyProfile(tx);
    const row = await tx.db.selectFrom('efactura_connections').select('received_until').executeTakeFirst();
    return { cif: profile?.cui ? normalizeCui(profile.cui) : null, since: row?.received_until ?? null };
  });
  const run: ReceivedRun = { listed: 0, stored: 0, duplicates: 0, unreadable: 0 };
  if (!cif) return run;
  const from = new Date(Math.max(now.getTime() - horizonMs, since ? Date.parse(since) - overlapMs : 0));
  const messages = [];
  for (let page = 1, pages = 1; page <= pages && page <= 100; page++) {
    const answer = await connections.withToken(tenantId, (token) => api.messagePage(token, cif, from, now, page));
    messages.push(...answer.messages);
    pages = answer.pages;
  }
  const received = messages.filter((m) => m.type === 'FACTURA PRIMITA');
  run.listed = received.length;
  const known = new Set((await withTenant(database, tenantId, (tx) => tx.db.selectFrom('received_invoices').select('anaf_id').where('anaf_id', 'in', received.length ? received.map((m) => m.id) : ['']).execute())).map((r) => r.anaf_id));
  for (const m of received) {
    if (known.has(m.id)) continue;
    const zip = await connections.withToken(tenantId, (token) => api.download(token, m.id));
    const xml = Object.entries(zipFiles(zip)).find(([name]) => !/semnatura/i.test(name))?.[1];
    let doc;
    try {
      if (!xml) throw new Error('no invoice in the ZIP');
      doc = readReceivedInvoice(xml);
    } catch {
      run.unreadable += 1;
      continue;
    }
    const parsed = doc;
    const stored = await sync.serverWrite(tenantId, async ({ tx }) => {
      const again = await tx.db.selectFrom('received_invoices').select('id').where('anaf_id', '=', m.id).executeTakeFirst();
      if (again) return { rows: [], result: null };
      const same = await tx.db.selectFrom('received_invoices').select('id').where('deleted_at', 'is', null)
        .where('furnizor_cui', parsed.supplier.cui === null ? 'is' : '=', parsed.supplier.cui).where('numar', '=', parsed.number).executeTakeFirst();
      const row = {
        id: newId(), anaf_id: m.id, tip: parsed.kind === 'credit_note' ? 'storno' : 'factura', furnizor_nume: parsed.supplier.name.slice(0, 300) || '—',
        furnizor_cui: parsed.supplier.cui?.slice(0, 30) ?? null, numar: parsed.number.slice(0, 100), data_emitere: parsed.issueDate, data_scadenta: parsed.dueDate,
        moneda: parsed.currency.slice(0, 3), total_fara_tva: toBani(parsed.totals.net), tva: toBani(parsed.totals.vat), total: toBani(parsed.totals.payable || parsed.totals.total),
        document: JSON.stringify(parsed), duplicat: same ? 1 : 0, platita: 0, platita_la: null,
      };
      return { rows: [{ table: 'received_invoices', row, isNew: true }], result: { duplicate: Boolean(same) } };
    });
    if (stored) {
      run.stored += 1;
      if (stored.duplicate) run.duplicates += 1;
    }
  }
  await withTenant(database, tenantId, (tx) => tx.db.updateTable('efactura_connections').set({ received_until: now.toISOString() }).execute());
  return run;
}

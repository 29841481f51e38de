import { describe, expect, it } from 'vitest';
import { devizDocument } from '../workshop/deviz';
import { orderTotals } from '../workshop/order-rules';
import { orderLinesTable } from '../workshop/orders.tables';
import { decidedLines, estimateChanges, estimateContent, lineContent } from './estimate';
import { portalDecisionsTable, portalLinksTable } from './portal.tables';
import type { DecidedLine } from './portal.tables';

const line = (id: string, total: number, decizie_client: 'aprobat' | 'respins' | null = null) => ({
  id, order_id: 'o', tip: 'material' as const, descriere: `Piesa ${id}`, norma_id: null, ore: null, pret_ora: null, um: 'buc', cantitate: '1', pret_unitar: total,
  total, mecanic_id: null, ordine: 0, oracle_id: null, decizie_client, product_id: null, created_at: '2026-12-01', updated_at: '2026-12-01',
});

describe('the estimate as the customer decides on it', () => {
  it('has one content per version: any change of a line\'s content, an added or removed line is another', () => {
    const a = line('a', 100);
    const b = line('b', 200);
    const base = estimateContent([a, b]);
    expect(estimateContent([b, a])).toBe(base);
    // The customer's own marks and the line's order are not content.
    expect(estimateContent([{ ...a, decizie_client: 'respins' }, { ...b, ordine: 5 }])).toBe(base);
    expect(estimateContent([{ ...a, descriere: 'Altă piesă' }, b])).not.toBe(base);
    expect(estimateContent([{ ...a, total: 101, pret_unitar: 101 }, b])).not.toBe(base);
    expect(estimateContent([a])).not.toBe(base);
  });

  it('lists what changed since a decision', () => {
    const a = line('a', 100);
    const b = line('b', 200);
    const decided: DecidedLine[] = [a, b].map((l) => ({ id: l.id, tip: l.tip, descriere: l.descriere, cantitate: '1', pret_unitar: l.total, total: l.total, continut: lineContent(l), decizie: 'aprobat' }));
    const c = line('c', 300);
    const diff = estimateChanges(decided, [{ ...a, total: 150, pret_unitar: 150 }, c]);
    expect(diff.added.map((l) => l.id)).toEqual(['c']);
    expect(diff.removed.map((l) => l.id)).toEqual(['b']);
    expect(diff.changed.map((x) => x.after.id)).toEqual(['a']);
    expect(decidedLines('not json')).toEqual([]);
  });

  it('leaves a declined line out of the totals and the deviz', () => {
    const lines = [line('a', 10_000, 'aprobat'), line('b', 20_000, 'respins'), line('c', 5_000)];
    expect(orderTotals(lines)).toEqual({ total_manopera: 0, total_materiale: 15_000, total_general: 15_000 });
    const order = {
      id: 'o', created_at: '', updated_at: '', nr_comanda: 1, data_comanda: '2026-12-01', vehicle_id: null, tip_deviz_id: null, status: 'DRAFT' as const, km_intrare: null,
      observatii: null, client_nume: null, client_telefon: null, client_email: null, client_cod_fiscal: null, client_adresa: null, nr_auto: null, serie_sasiu: null,
      marca_denumire: null, model_denumire: null, total_manopera: 0, total_materiale: 15_000, total_general: 15_000, token_client: null, created_by: null, oracle_id: null,
      factura_id: null, mecanic_id: null, client_id: null,
    };
    const seller = { tip: 'pj' as const, nume: 'Service', codFiscal: null, cnp: null, regCom: null, adresa: '', localitate: '', judet: '', codPostal: null, tara: 'RO', platitorTva: false } as unknown as Parameters<typeof devizDocument>[2];
    expect(devizDocument(order, lines, seller).linii.map((l) => l.descriere)).toEqual(['Piesa a', 'Piesa c']);
  });

  it('lets only the server set a line\'s decision, and only revoke a link', () => {
    const parent = { status: 'DRAFT', deleted_at: null };
    const before = line('a', 100);
    const check = (row: ReturnType<typeof line>, previous: ReturnType<typeof line> | null) => orderLinesTable.check?.({ row, previous, parent, deleting: false, clientId: 'c' });
    expect(check({ ...before, decizie_client: 'aprobat' }, before)?.code).toBe('line.decision_by_customer');
    expect(check({ ...before, decizie_client: 'aprobat' }, null)?.code).toBe('line.decision_by_customer');
    expect(check({ ...before, descriere: 'Alta' }, before)).toBeNull();

    const link = { id: 'l', created_at: '', updated_at: '', order_id: 'o', token_hash: 'a'.repeat(64), expira_la: '2027-01-01T00:00:00.000Z', revocat_la: null, created_by: null };
    const linkCheck = (row: typeof link | { revocat_la: string } & Omit<typeof link, 'revocat_la'>, previous: typeof link | null, deleting = false) =>
      portalLinksTable.check?.({ row, previous, parent: previous || row.order_id !== 'gone' ? { deleted_at: null } : null, deleting, clientId: 'c' });
    expect(linkCheck(link, null)).toBeNull();
    expect(linkCheck({ ...link, token_hash: 'plain-token' }, null)?.code).toBe('portal.token_hash');
    expect(linkCheck({ ...link, revocat_la: '2026-12-06T10:00:00.000Z' }, link)).toBeNull();
    expect(linkCheck({ ...link, expira_la: '2030-01-01T00:00:00.000Z' }, link)?.code).toBe('portal.link_immutable');
    expect(linkCheck(link, link, true)?.code).toBe('portal.link_delete');
    expect(portalDecisionsTable.check?.({ row: {} as never, previous: null, parent: null, deleting: false, clientId: 'c' })?.code).toBe('portal.decision_by_server');
  });
});

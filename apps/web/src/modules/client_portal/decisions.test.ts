import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { lineContent, localTableDdl, syncTables, type DecidedLine } from '@roaauto/shared';
import { customerDecisionsSql, summarizeDecisions, type PortalDecisionRow } from './decisions';

const line = (id: string, descriere: string, total: number) => ({ id, tip: 'material', descriere, ore: null, pret_ora: null, um: 'buc', cantitate: '1', pret_unitar: total, total });
const decided = (l: ReturnType<typeof line>, decizie: 'aprobat' | 'respins'): DecidedLine => ({
  id: l.id, tip: 'material', descriere: l.descriere, cantitate: '1', pret_unitar: l.total, total: l.total, continut: lineContent(l), decizie,
});
const row = (id: string, at: string, lines: DecidedLine[]): PortalDecisionRow => ({
  id, order_id: 'o', versiune: 'v', nume_client: 'Ion', decis_la: at, aprobate: 0, respinse: 0, linii: JSON.stringify(lines),
});

describe('the order page\'s decisions', () => {
  const a = line('a', 'Plăcuțe', 40_000);
  const b = line('b', 'Discuri', 90_000);

  it('lists decisions newest first, with what was approved and declined', () => {
    const list = summarizeDecisions([row('d1', '2026-12-01T10:00:00Z', [decided(a, 'respins')]), row('d2', '2026-12-02T10:00:00Z', [decided(a, 'aprobat'), decided(b, 'respins')])], [a, b]);
    expect(list.map((d) => d.id)).toEqual(['d2', 'd1']);
    expect(list[0]?.approved.map((l) => l.id)).toEqual(['a']);
    expect(list[0]?.declined.map((l) => l.id)).toEqual(['b']);
    expect(list[0]?.changes).toBeNull();
  });

  it('says what changed since the latest decision: added, removed and changed lines', () => {
    const c = line('c', 'Lichid', 5_000);
    const list = summarizeDecisions([row('d1', '2026-12-01T10:00:00Z', [decided(a, 'aprobat'), decided(b, 'respins')])], [{ ...a, total: 35_000, pret_unitar: 35_000 }, c]);
    expect(list[0]?.changes?.added.map((l) => l.id)).toEqual(['c']);
    expect(list[0]?.changes?.removed.map((l) => l.id)).toEqual(['b']);
    expect(list[0]?.changes?.changed.map((x) => x.after.id)).toEqual(['a']);
  });

  it('reads a damaged decision as one without lines', () => {
    expect(summarizeDecisions([{ ...row('d', '2026-12-01T10:00:00Z', []), linii: '{oops' }], [a])[0]?.changes?.added.map((l) => l.id)).toEqual(['a']);
  });
});

describe('a customer\'s decisions', () => {
  it('are those on the orders of their vehicles, newest first', () => {
    const db = new Database(':memory:');
    for (const name of ['vehicles', 'orders', 'portal_decisions']) {
      const def = syncTables.find((t) => t.name === name);
      if (!def) throw new Error(name);
      for (const sql of localTableDdl(def)) db.exec(sql);
    }
    const now = '2026-12-01T10:00:00Z';
    const vehicle = (id: string, client: string) => db.prepare(`INSERT INTO vehicles (id, created_at, updated_at, client_id, nr_inmatriculare) VALUES (?, ?, ?, ?, ?)`).run(id, now, now, client, id);
    const order = (id: string, vehicleId: string, nr: number) => db.prepare(`INSERT INTO orders (id, created_at, updated_at, nr_comanda, data_comanda, vehicle_id, status, total_manopera, total_materiale, total_general)
      VALUES (?, ?, ?, ?, '2026-12-01', ?, 'DRAFT', 0, 0, 0)`).run(id, now, now, nr, vehicleId);
    const decision = (id: string, orderId: string, at: string) => db.prepare(`INSERT INTO portal_decisions (id, created_at, updated_at, order_id, link_id, versiune, nume_client, decis_la, aprobate, respinse, linii)
      VALUES (?, ?, ?, ?, 'l', 'v', 'Ion', ?, 1, 1, '[]')`).run(id, now, now, orderId, at);
    vehicle('v1', 'c1');
    vehicle('v2', 'c1');
    vehicle('v3', 'c2');
    order('o1', 'v1', 1);
    order('o2', 'v2', 2);
    order('o3', 'v3', 3);
    decision('d1', 'o1', '2026-12-01T10:00:00Z');
    decision('d2', 'o2', '2026-12-03T10:00:00Z');
    decision('d3', 'o3', '2026-12-04T10:00:00Z');
    expect(db.prepare(customerDecisionsSql).all('c1').map((r) => (r as { id: string; nr_comanda: number }).nr_comanda)).toEqual([2, 1]);
    db.close();
  });
});

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { localTableDdl, syncTables } from '@roaauto/shared';
import { dueFormProblems, dueFormValues, dueStored, dueSummary, itpSuggestion, lastServiceSql, type LastServiceRow } from './vehicle-due';

const empty = { itp_expira: '', rca_expira: '', revizie_data: '', revizie_km: '' };

describe('a vehicle\'s due dates', () => {
  it('reads a stored vehicle into the form and back', () => {
    const form = dueFormValues({ itp_expira: '2027-03-01', rca_expira: null, revizie_data: null, revizie_km: 150000 });
    expect(form).toEqual({ itp_expira: '2027-03-01', rca_expira: '', revizie_data: '', revizie_km: '150000' });
    expect(dueStored(form)).toEqual({ itp_expira: '2027-03-01', rca_expira: null, revizie_data: null, revizie_km: 150000 });
    expect(dueStored({ ...empty, revizie_km: '150.000' }).revizie_km).toBe(150000);
    expect(dueStored({ ...empty, revizie_km: '150 000' }).revizie_km).toBe(150000);
  });

  it('refuses impossible dates and km before saving', () => {
    expect(dueFormProblems(empty)).toEqual({});
    expect(dueFormProblems({ ...empty, itp_expira: '2027-02-30', rca_expira: '01.03.2027', revizie_km: '-5' })).toEqual({
      itp_expira: 'workshop.due.errDate', rca_expira: 'workshop.due.errDate', revizie_km: 'workshop.due.errKm',
    });
    expect(dueFormProblems({ ...empty, revizie_km: '10000000' })).toEqual({ revizie_km: 'workshop.due.errKm' });
  });

  it('shows the typed next service over the computed one', () => {
    const last = { data_comanda: '2026-03-15', km_intrare: 120000, interval_luni: 12, interval_km: 15000 };
    expect(dueSummary({ revizie_data: null, revizie_km: null }, last).service).toEqual({ date: '2027-03-15', km: 135000, source: 'computed' });
    expect(dueSummary({ revizie_data: '2026-12-01', revizie_km: null }, last).service).toEqual({ date: '2026-12-01', km: 135000, source: 'typed' });
    expect(dueSummary({}, null)).toEqual({ itp: null, rca: null, service: null });
  });

  it('suggests the ITP by the vehicle\'s age', () => {
    expect(itpSuggestion('2026-12-06', 2020)).toBe('2028-12-06');
    expect(itpSuggestion('2026-12-06', 2010)).toBe('2027-12-06');
    expect(itpSuggestion('2026-12-06', null)).toBe('2028-12-06');
  });

  it('finds the last validated service order of a vehicle on the device\'s tables', () => {
    const db = new Database(':memory:');
    for (const name of ['catalog_tipuri_deviz', 'orders']) {
      const declared = syncTables.find((t) => t.name === name);
      if (!declared) throw new Error(name);
      for (const sql of localTableDdl(declared)) db.exec(sql);
    }
    db.exec(`INSERT INTO catalog_tipuri_deviz (id, created_at, updated_at, denumire, activ, interval_luni) VALUES ('rev', '', '', 'Revizie', 1, 12), ('rep', '', '', 'Reparație', 1, NULL)`);
    const order = (id: string, tip: string, date: string, status: string) =>
      db.exec(`INSERT INTO orders (id, created_at, updated_at, data_comanda, vehicle_id, tip_deviz_id, status, km_intrare, total_manopera, total_materiale, total_general)
        VALUES ('${id}', '', '', '${date}', 'v1', '${tip}', '${status}', 1000, 0, 0, 0)`);
    order('a', 'rev', '2026-01-10', 'FACTURAT');
    order('b', 'rep', '2026-05-10', 'VALIDAT');
    order('c', 'rev', '2026-06-10', 'DRAFT');
    expect(db.prepare<[string], LastServiceRow>(lastServiceSql).get('v1')).toEqual({ data_comanda: '2026-01-10', km_intrare: 1000, interval_luni: 12, interval_km: null, tip: 'Revizie' });
    db.close();
  });
});

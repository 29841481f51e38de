import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTableDdl, syncTables, type SqlValue } from '@roaauto/shared';
import { appointmentColumns, dayAppointmentsQuery, type AppointmentRow } from './calendar';
import { noShowQuery } from './editor';

/** The module's queries on SQLite with the device's own `appointments` table. */
let db: Database.Database;

const row = (id: string, extra: Partial<AppointmentRow>): AppointmentRow => ({
  id, inceput: '2026-12-07T07:00:00.000Z', sfarsit: '2026-12-07T08:00:00.000Z', data: '2026-12-07', post_id: null, mecanic_id: null, service_id: null,
  campaign_id: null, client_id: null, vehicle_id: null, client_nume: 'Ion', client_telefon: null, client_email: null, nr_auto: null, observatii: null,
  status: 'no_show', sursa: 'shop', order_id: null, ...extra,
});

beforeAll(() => {
  db = new Database(':memory:');
  const declared = syncTables.find((t) => t.name === 'appointments');
  if (!declared) throw new Error('appointments is not a synced table');
  for (const sql of localTableDdl(declared)) db.exec(sql);
  const rows = [
    row('a1', { client_id: 'c1' }),
    row('a2', { client_telefon: '0722 111 222' }),
    row('a3', { client_telefon: '0722-111-222', status: 'done' }),
    row('a4', { client_id: 'c2' }),
  ];
  for (const r of rows) {
    const cols = Object.keys(r);
    db.prepare(`INSERT INTO appointments (${cols.join(', ')}, created_at, updated_at) VALUES (${cols.map((c) => `@${c}`).join(', ')}, '2026-01-01', '2026-01-01')`).run(r);
  }
});
afterAll(() => db.close());

const count = (clientId: string, phone: string) => {
  const q = noShowQuery(clientId, phone);
  return db.prepare<SqlValue[], { n: number }>(q.sql).get(...q.params)?.n;
};

describe("a customer's no-shows", () => {
  it('counts by their row or by the phone typed however it is spaced, only no-shows', () => {
    expect(count('c1', '')).toBe(1);
    expect(count('', '0722.111.222')).toBe(1);
    expect(count('c2', '0722111222')).toBe(2);
    expect(count('', '')).toBe(0);
  });

  it('the calendar reads every column it names', () => {
    expect(db.prepare(`SELECT ${appointmentColumns} FROM appointments WHERE data BETWEEN ? AND ?`).all('2026-12-07', '2026-12-07')).toHaveLength(4);
  });
});

describe("the home page's figure of the day's appointments", () => {
  it('counts the appointments of the day that hold their time, earliest first', () => {
    const day = '2026-12-08';
    const at = (h: string) => `${day}T${h}:00.000Z`;
    const rows = [
      row('d1', { data: day, inceput: at('09'), sfarsit: at('10'), status: 'confirmed' }),
      row('d2', { data: day, inceput: at('07'), sfarsit: at('08'), status: 'booked' }),
      row('d3', { data: day, inceput: at('11'), sfarsit: at('12'), status: 'arrived' }),
      row('d4', { data: day, inceput: at('06'), sfarsit: at('07'), status: 'cancelled' }),
      row('d5', { data: day, inceput: at('05'), sfarsit: at('06'), status: 'done' }),
      row('d6', { data: '2026-12-09', inceput: '2026-12-09T07:00:00.000Z', sfarsit: '2026-12-09T08:00:00.000Z', status: 'booked' }),
    ];
    for (const r of rows) {
      const cols = Object.keys(r);
      db.prepare(`INSERT INTO appointments (${cols.join(', ')}, created_at, updated_at) VALUES (${cols.map((c) => `@${c}`).join(', ')}, '2026-01-01', '2026-01-01')`).run(r);
    }
    const q = dayAppointmentsQuery(day);
    expect(db.prepare<SqlValue[], { inceput: string }>(q.sql).all(...q.params).map((r) => r.inceput)).toEqual([at('07'), at('09'), at('11')]);
    expect(db.prepare<SqlValue[], { inceput: string }>(dayAppointmentsQuery('2026-12-10').sql).all('2026-12-10')).toEqual([]);
  });
});

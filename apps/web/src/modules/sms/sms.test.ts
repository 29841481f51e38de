import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { defaultSmsTemplates, localTableDdl, syncTables } from '@roaauto/shared';
import {
  composeText, composerProblem, currentSettings, meter, monthStart, monthUsageSql, newSmsMessage, smsValues, templateTexts,
  type SmsTemplateRow,
} from './sms';

describe('templates', () => {
  it('uses the company\'s newest text for a purpose, the default for the others', () => {
    const rows: SmsTemplateRow[] = [
      { id: 'a', cheie: 'car_ready', text: 'Vechi', updated_at: '2026-01-01T00:00:00.000Z' },
      { id: 'b', cheie: 'car_ready', text: 'Nou {client}', updated_at: '2026-02-01T00:00:00.000Z' },
    ];
    const texts = templateTexts(rows);
    expect(texts.car_ready).toBe('Nou {client}');
    expect(texts.estimate_ready).toBe(defaultSmsTemplates.estimate_ready);
  });

  it('fills the values the pages know, money as the shop writes it, and leaves out a missing link', () => {
    const values = smsValues({ client: 'Ana', plate: 'CT 10 ABC', company: 'Service X', companyPhone: '0241 000 000', totalBani: 123450, link: null });
    const text = composeText(templateTexts([]), 'estimate_ready', values);
    expect(text).toContain('Ana');
    expect(text).toContain('1.234,50');
    expect(text).not.toMatch(/\{|aici:\n\n/);
  });

  it('takes the oldest settings row', () => {
    expect(currentSettings([
      { id: 'b', expeditor: 'Nou', created_at: '2026-02-01' },
      { id: 'a', expeditor: 'Vechi', created_at: '2026-01-01' },
    ])?.expeditor).toBe('Vechi');
  });
});

describe('composer', () => {
  it('shows segments and their cost before sending', () => {
    expect(meter('Mașina este gata', 7)).toMatchObject({ encoding: 'ucs2', segments: 1, costBani: 7 });
    expect(meter('a'.repeat(161), 7)).toMatchObject({ encoding: 'gsm7', segments: 2, costBani: 14 });
    expect(meter('abc', null).costBani).toBeNull();
  });

  it('says why a message cannot go before it is written', () => {
    const base = { phone: '0722 123 456', text: 'Salut', optedOut: new Set<string>(), used: 0, max: 300 };
    expect(composerProblem(base)).toBeNull();
    expect(composerProblem({ ...base, phone: '' })).toBe('sms.composer.noPhone');
    expect(composerProblem({ ...base, phone: '021 123 4567' })).toBe('sms.composer.badPhone');
    expect(composerProblem({ ...base, optedOut: new Set(['40722123456']) })).toBe('sms.composer.optedOut');
    expect(composerProblem({ ...base, text: '  ' })).toBe('sms.composer.empty');
    expect(composerProblem({ ...base, used: 300 })).toBe('sms.composer.limitReached');
    expect(composerProblem({ ...base, used: 5000, max: null })).toBeNull();
  });

  it('writes a queued row the table accepts, and counts this month\'s messages on the device', () => {
    const def = syncTables.find((t) => t.name === 'sms_messages');
    if (!def) throw new Error('sms_messages is not a synced table');
    const row = { id: 'm1', ...newSmsMessage({ phone: '0722 123 456', text: 'Mașina e gata', clientId: null, orderId: null, template: 'car_ready' }) };
    expect(def.check?.({ row: row as never, previous: null, parent: null, deleting: false, clientId: 'c' })).toBeNull();
    expect(row).toMatchObject({ status: 'queued', codare: 'ucs2', segmente: 1 });

    const db = new Database(':memory:');
    for (const sql of localTableDdl(def)) db.exec(sql);
    const insert = (id: string, status: string, created: string) => db.prepare(
      'INSERT INTO sms_messages (id, telefon, text, status, segmente, codare, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)',
    ).run(id, '0722123456', 'x', status, 'gsm7', created, created);
    const now = new Date(2026, 11, 15);
    insert('a', 'sent', new Date(2026, 11, 2).toISOString());
    insert('b', 'queued', new Date(2026, 11, 3).toISOString());
    insert('c', 'refused', new Date(2026, 11, 4).toISOString());
    insert('d', 'sent', new Date(2026, 10, 30).toISOString());
    expect(db.prepare(monthUsageSql).get(monthStart(now))).toEqual({ n: 2 });
    db.close();
  });
});

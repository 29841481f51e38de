import { describe, expect, it } from 'vitest';
import { newId } from '../../ids';
import { normalizeDecimalInput } from '../../money/decimal';
import { syncTable } from '../../schema/registry';
import { rowSchemas } from '../../schema/table';
import { catalogSeed } from './catalog-seed';

const ops = catalogSeed(newId);
const rows = (table: string) => ops.filter((o) => o.table === table).map((o) => o.data);
const names = (table: string) => rows(table).map((r) => r.denumire);

describe('catalog seed', () => {
  it('is valid for every table it writes to, and passes the tables’ rules in the order given', () => {
    const written = new Map<string, Record<string, unknown>>();
    for (const { table, data } of ops) {
      const def = syncTable(table);
      if (!def) throw new Error(`unknown table ${table}`);
      const { id, ...rest } = data;
      expect(typeof id, table).toBe('string');
      const parsed = rowSchemas(def).full.parse(rest);
      expect(parsed.activ, table).toBe(1);
      const row: Record<string, unknown> = { id, created_at: '2025-01-01T00:00:00.000Z', updated_at: '2025-01-01T00:00:00.000Z', ...parsed };
      // The parent must already have been written by an earlier operation.
      const parent = def.parent ? (written.get(String(row[def.parent.column])) ?? null) : null;
      expect(def.check?.({ row: row as never, previous: null, parent, deleting: false, clientId: 'device' }) ?? null, `${table} ${String(row.denumire)}`).toBeNull();
      written.set(String(id), row);
    }
  });

  it('has the expected number of rows', () => {
    expect(rows('catalog_marci')).toHaveLength(24);
    expect(rows('catalog_ansamble')).toHaveLength(11);
    expect(rows('catalog_tipuri_deviz')).toHaveLength(6);
    expect(rows('catalog_tipuri_motoare')).toHaveLength(5);
    expect(rows('catalog_preturi')).toHaveLength(3);
    expect(rows('catalog_norme').length).toBeGreaterThanOrEqual(20);
    expect(rows('catalog_norme').length).toBeLessThanOrEqual(30);
    expect(new Set(ops.map((o) => o.table))).toEqual(
      new Set(['catalog_marci', 'catalog_modele', 'catalog_ansamble', 'catalog_norme', 'catalog_tipuri_deviz', 'catalog_tipuri_motoare', 'catalog_preturi']),
    );
  });

  it('gives each row a unique UUIDv7 id, made by the function it is given', () => {
    const ids = ops.map((o) => String(o.data.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    let n = 0;
    const counted = catalogSeed(() => `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`);
    expect(counted).toHaveLength(ops.length);
    expect(n).toBe(ops.length);
  });

  it('links every model to an earlier make, with 3 to 8 models per make and no duplicate names', () => {
    const makeIds = new Map<unknown, number>();
    for (const [i, o] of ops.entries()) {
      if (o.table === 'catalog_marci') makeIds.set(o.data.id, i);
      if (o.table !== 'catalog_modele') continue;
      const at = makeIds.get(o.data.marca_id);
      expect(at, String(o.data.denumire)).toBeDefined();
      expect(at).toBeLessThan(i);
    }
    for (const make of rows('catalog_marci')) {
      const models = rows('catalog_modele').filter((m) => m.marca_id === make.id).map((m) => m.denumire);
      expect(models.length, String(make.denumire)).toBeGreaterThanOrEqual(3);
      expect(models.length, String(make.denumire)).toBeLessThanOrEqual(8);
      expect(new Set(models).size).toBe(models.length);
    }
    const dacia = rows('catalog_marci').find((m) => m.denumire === 'Dacia');
    expect(rows('catalog_modele').filter((m) => m.marca_id === dacia?.id).map((m) => m.denumire)).toEqual(
      expect.arrayContaining(['Logan', 'Sandero', 'Duster', 'Spring', 'Jogger']),
    );
    expect(new Set(names('catalog_marci')).size).toBe(24);
  });

  it('links every labour time to an earlier assembly, with unique codes and hours as stored decimals', () => {
    const assemblyIds = new Map<unknown, number>();
    for (const [i, o] of ops.entries()) {
      if (o.table === 'catalog_ansamble') assemblyIds.set(o.data.id, i);
      if (o.table !== 'catalog_norme') continue;
      expect(assemblyIds.get(o.data.ansamblu_id), String(o.data.denumire)).toBeLessThan(i);
    }
    const norme = rows('catalog_norme');
    const codes = norme.map((n) => n.cod);
    expect(new Set(codes).size).toBe(codes.length);
    for (const n of norme) {
      const ore = String(n.ore_normate);
      // Written the way a typed value is stored ("1", "0.5"), and more than nothing.
      expect(normalizeDecimalInput(ore, 2)).toBe(ore);
      expect(Number(ore)).toBeGreaterThan(0);
    }
    const assemblyOf = (normName: string) => {
      const norm = norme.find((n) => n.denumire === normName);
      return rows('catalog_ansamble').find((a) => a.id === norm?.ansamblu_id)?.denumire;
    };
    expect(assemblyOf('Schimb ulei și filtru ulei')).toBe('Motor');
    expect(assemblyOf('Înlocuire plăcuțe frână față')).toBe('Frânare');
    expect(assemblyOf('Montaj/demontaj anvelope (set 4)')).toBe('Roți și anvelope');
    expect(norme.find((n) => n.denumire === 'Schimb ulei și filtru ulei')?.ore_normate).toBe('0.5');
    // Every assembly has at least one labour time.
    for (const a of rows('catalog_ansamble')) expect(norme.some((n) => n.ansamblu_id === a.id), String(a.denumire)).toBe(true);
  });

  it('has the order types, engine types and prices of a Romanian shop', () => {
    expect(names('catalog_tipuri_deviz')).toEqual(expect.arrayContaining(['Reparație', 'Revizie', 'Vulcanizare', 'Pregătire ITP']));
    expect(names('catalog_tipuri_motoare')).toEqual(['Benzină', 'Motorină', 'GPL', 'Hibrid', 'Electric']);
    expect(rows('catalog_preturi')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ denumire: 'Oră manoperă', pret: 15_000, um: 'oră' }),
        expect.objectContaining({ denumire: 'Oră manoperă diagnoză', pret: 20_000, um: 'oră' }),
        expect.objectContaining({ denumire: 'Echilibrare roată', pret: 2_500, um: 'buc' }),
      ]),
    );
  });

  it('writes Romanian with the comma-below letters, never the old cedilla ones', () => {
    const text = ops.flatMap((o) => Object.values(o.data).filter((v): v is string => typeof v === 'string')).join('\n');
    expect(text).not.toMatch(/[şţŞŢ]/);
    expect(names('catalog_ansamble')).toEqual(expect.arrayContaining(['Frânare', 'Direcție', 'Roți și anvelope', 'Răcire']));
    expect(names('catalog_marci')).toContain('Citroën');
    expect(text).toContain('Înlocuire plăcuțe frână față');
    expect(text).toContain('Pregătire ITP');
    // Precomposed letters (NFC), so searches and sorting treat them alike.
    expect(text.normalize('NFC')).toBe(text);
  });
});

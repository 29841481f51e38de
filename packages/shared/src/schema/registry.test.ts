import { describe, expect, it } from 'vitest';
import { moduleOfTable } from '../entitlements/modules';
import { rowSchemas } from './table';
import { syncTables } from './registry';

describe('synced table registry', () => {
  it('declares each table in the module that owns it in the module registry', () => {
    for (const t of syncTables) expect(moduleOfTable(t.name), t.name).toBe(t.module);
  });

  it('validates a full row strictly and a patch partially', () => {
    const vehicles = syncTables.find((t) => t.name === 'vehicles');
    if (!vehicles) throw new Error('vehicles');
    const { full, patch } = rowSchemas(vehicles);
    expect(full.safeParse({ nr_inmatriculare: 'CT 01 ABC' }).data).toMatchObject({ nr_inmatriculare: 'CT 01 ABC', client_nume: null });
    expect(full.safeParse({ client_nume: 'fără număr' }).success).toBe(false);
    expect(full.safeParse({ nr_inmatriculare: 'X', tenant_id: 'other' }).success).toBe(false);
    expect(patch.safeParse({ an_fabricatie: 2015 }).success).toBe(true);
    expect(patch.safeParse({ an_fabricatie: 1850 }).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { offlineWarehouseSeriesName, warehouseSeriesName } from '@roaauto/shared';
import { seriesToUse } from './stock-documents';

describe('the device\'s NIR and aviz series', () => {
  it('the server proposes NIR / AV, then the next free name', () => {
    expect(warehouseSeriesName('nir', new Set())).toBe('NIR');
    expect(warehouseSeriesName('nir', new Set(['NIR', 'NIR2']))).toBe('NIR3');
    expect(warehouseSeriesName('aviz', new Set(['NIR']))).toBe('AV');
  });

  it('numbers in a series the device holds, or makes one for itself named after the device', () => {
    const held = { id: 's1', serie: 'NIR', ultimul_numar: 4 };
    const clientId = '019af3c2-7e10-7000-8000-3f9a1c7e0001';
    expect(seriesToUse('nir', [held], clientId, () => 'new')).toEqual({ series: held, create: null });
    const made = seriesToUse('aviz', [], clientId, () => 'new');
    expect(made.series).toEqual({ id: 'new', serie: offlineWarehouseSeriesName('aviz', clientId), ultimul_numar: 0 });
    expect(made.series.serie).toMatch(/^AV-[0-9A-F]{6}$/);
    expect(made.create).toEqual({ id: 'new', tip_document: 'aviz', serie: made.series.serie, numar_start: 1, ultimul_numar: 0, client_id: clientId, descriere: null, activa: 1 });
    // Two devices offline never pick the same name.
    expect(offlineWarehouseSeriesName('nir', clientId)).not.toBe(offlineWarehouseSeriesName('nir', '019af3c2-7e10-7000-8000-3f9a1c7e0002'));
  });
});

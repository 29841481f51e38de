import { describe, expect, it } from 'vitest';
import { proposedSeriesName, seriesToUse } from './stock-documents';

describe('the device\'s NIR and aviz series', () => {
  it('proposes NIR / AV, then the next free name', () => {
    expect(proposedSeriesName('nir', new Set())).toBe('NIR');
    expect(proposedSeriesName('nir', new Set(['NIR', 'NIR2']))).toBe('NIR3');
    expect(proposedSeriesName('aviz', new Set(['NIR']))).toBe('AV');
  });

  it('numbers in a series the device holds, or makes one for itself, unused', () => {
    const held = { id: 's1', serie: 'NIR', ultimul_numar: 4 };
    expect(seriesToUse('nir', [held], new Set(['NIR']), 'c1', () => 'new')).toEqual({ series: held, create: null });
    const made = seriesToUse('aviz', [], new Set(['AV']), 'c1', () => 'new');
    expect(made.series).toEqual({ id: 'new', serie: 'AV2', ultimul_numar: 0 });
    expect(made.create).toEqual({ id: 'new', tip_document: 'aviz', serie: 'AV2', numar_start: 1, ultimul_numar: 0, client_id: 'c1', descriere: null, activa: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { formatTyreSize, parseTyreSize, tyreSizeKey, tyreSizeSearchKey } from './tyre-size';

describe('tyre sizes', () => {
  it('reads every common spelling of one size into one form and key', () => {
    for (const t of ['205/55 R16', '205/55R16', '205 55 16', '2055516', '205/55 r16', ' 205 / 55 R 16 ', '205-55-16', '205/55-16']) {
      const s = parseTyreSize(t);
      expect(s, t).not.toBeNull();
      if (!s) continue;
      expect(formatTyreSize(s)).toBe('205/55 R16');
      expect(tyreSizeKey(s)).toBe('2055516');
    }
  });

  it('keeps the indexes, the construction, the light-truck C and half-inch rims', () => {
    expect(parseTyreSize('225/40 ZR18 92Y')).toMatchObject({ constructie: 'ZR', indiceSarcina: 92, indiceViteza: 'Y' });
    expect(formatTyreSize(parseTyreSize('225/40zr18 92y') ?? fail())).toBe('225/40 ZR18 92Y');
    expect(parseTyreSize('195/65 R15C 104/102T')).toMatchObject({ comercial: true, indiceSarcina: 104, indiceViteza: 'T' });
    expect(formatTyreSize(parseTyreSize('215/75 R17.5') ?? fail())).toBe('215/75 R17.5');
    expect(tyreSizeKey(parseTyreSize('215/75 R17,5') ?? fail())).toBe('2157517.5');
  });

  it('refuses what is not a tyre size', () => {
    for (const t of ['', 'abc', '205/55', '999/55 R16', '205/57 R16', '205/55 R30', '20/55 R16', '205/55 R16 999V']) {
      expect(parseTyreSize(t), t).toBeNull();
    }
  });

  it('turns the start of a size into a search prefix', () => {
    expect(tyreSizeSearchKey('205/55')).toBe('20555');
    expect(tyreSizeSearchKey('205 55 r1')).toBe('205551');
    expect(tyreSizeSearchKey('205/55 R16 91V')).toBe('2055516');
    expect(tyreSizeSearchKey('Michelin')).toBeNull();
  });
});

function fail(): never {
  throw new Error('expected a size');
}

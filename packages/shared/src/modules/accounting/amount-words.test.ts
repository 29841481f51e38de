import { describe, expect, it } from 'vitest';
import { amountInWordsRo, leiInWords } from './amount-words';

describe('amounts in words (Romanian)', () => {
  it.each([
    [0, 'zero lei'], [1, 'un leu'], [2, 'doi lei'], [3, 'trei lei'], [6, 'șase lei'], [7, 'șapte lei'], [9, 'nouă lei'],
    [10, 'zece lei'], [11, 'unsprezece lei'], [12, 'doisprezece lei'], [13, 'treisprezece lei'], [14, 'paisprezece lei'],
    [15, 'cincisprezece lei'], [16, 'șaisprezece lei'], [17, 'șaptesprezece lei'], [18, 'optsprezece lei'], [19, 'nouăsprezece lei'],
    [20, 'douăzeci de lei'], [21, 'douăzeci și unu de lei'], [22, 'douăzeci și doi de lei'], [30, 'treizeci de lei'],
    [44, 'patruzeci și patru de lei'], [60, 'șaizeci de lei'], [99, 'nouăzeci și nouă de lei'],
    [100, 'o sută de lei'], [101, 'o sută unu lei'], [102, 'o sută doi lei'], [112, 'o sută doisprezece lei'],
    [119, 'o sută nouăsprezece lei'], [120, 'o sută douăzeci de lei'], [200, 'două sute de lei'], [201, 'două sute unu lei'],
    [999, 'nouă sute nouăzeci și nouă de lei'],
    [1000, 'o mie de lei'], [1001, 'o mie unu lei'], [1019, 'o mie nouăsprezece lei'], [1200, 'o mie două sute de lei'],
    [2000, 'două mii de lei'], [2002, 'două mii doi lei'], [12_000, 'douăsprezece mii de lei'], [19_000, 'nouăsprezece mii de lei'],
    [20_000, 'douăzeci de mii de lei'], [21_000, 'douăzeci și una de mii de lei'], [22_000, 'douăzeci și două de mii de lei'],
    [100_000, 'o sută de mii de lei'], [101_000, 'o sută una mii de lei'], [222_222, 'două sute douăzeci și două de mii două sute douăzeci și doi de lei'],
    [1_000_000, 'un milion de lei'], [1_000_001, 'un milion unu lei'], [2_000_000, 'două milioane de lei'],
    [12_000_000, 'douăsprezece milioane de lei'], [21_000_000, 'douăzeci și unu de milioane de lei'],
    [1_002_003, 'un milion două mii trei lei'], [1_000_000_000, 'un miliard de lei'], [3_000_000_000, 'trei miliarde de lei'],
  ])('%i lei → %s', (lei, words) => {
    expect(leiInWords(lei)).toBe(words);
    expect(amountInWordsRo(lei * 100)).toBe(words);
  });

  it('writes the bani after the lei, in words, with the same grammar', () => {
    expect(amountInWordsRo(120_050)).toBe('o mie două sute de lei și cincizeci de bani');
    expect(amountInWordsRo(101)).toBe('un leu și un ban');
    expect(amountInWordsRo(202)).toBe('doi lei și doi bani');
    expect(amountInWordsRo(10_119)).toBe('o sută unu lei și nouăsprezece bani');
    expect(amountInWordsRo(2_121)).toBe('douăzeci și unu de lei și douăzeci și unu de bani');
    expect(amountInWordsRo(50)).toBe('cincizeci de bani');
    expect(amountInWordsRo(1)).toBe('un ban');
    expect(amountInWordsRo(12)).toBe('doisprezece bani');
    expect(amountInWordsRo(99)).toBe('nouăzeci și nouă de bani');
  });

  it('writes ș and ț with the comma below, never the cedilla', () => {
    const all = [6, 7, 16, 17, 60, 70, 666_777].map((n) => amountInWordsRo(n * 100)).join(' ');
    expect(all).toMatch(/ș/u);
    expect(all).not.toMatch(/[şţŞŢ]/u);
  });

  it('refuses what is not an amount', () => {
    expect(() => amountInWordsRo(-1)).toThrow(RangeError);
    expect(() => amountInWordsRo(1.5)).toThrow(RangeError);
    expect(() => leiInWords(1e12)).toThrow(RangeError);
  });
});

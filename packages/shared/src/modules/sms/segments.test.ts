import { describe, expect, it } from 'vitest';
import { countSegments, isGsm7, normalizePhone, withoutDiacritics } from './segments';

describe('countSegments', () => {
  it('counts GSM-7 texts at 160, then 153 a segment', () => {
    expect(countSegments('')).toMatchObject({ segments: 0, encoding: 'gsm7' });
    expect(countSegments('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', length: 160, segments: 1, remaining: 0 });
    expect(countSegments('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153, remaining: 145 });
    expect(countSegments('a'.repeat(306))).toMatchObject({ segments: 2, remaining: 0 });
    expect(countSegments('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('counts an extension character as two', () => {
    expect(countSegments('€'.repeat(80))).toMatchObject({ encoding: 'gsm7', length: 160, segments: 1 });
    expect(countSegments(`${'a'.repeat(159)}{`)).toMatchObject({ length: 161, segments: 2 });
  });

  it('switches the whole text to UCS-2 for a Romanian diacritic: 70, then 67 a segment', () => {
    expect(countSegments('Mașina este gata')).toMatchObject({ encoding: 'ucs2', segments: 1, perSegment: 70 });
    expect(countSegments(`ș${'a'.repeat(69)}`)).toMatchObject({ encoding: 'ucs2', length: 70, segments: 1 });
    expect(countSegments(`ț${'a'.repeat(70)}`)).toMatchObject({ length: 71, segments: 2, perSegment: 67, remaining: 63 });
    expect(countSegments(`ă${'a'.repeat(134)}`)).toMatchObject({ segments: 3 });
    for (const ch of 'șşțţăâîȘŞȚŢĂÂÎ') expect(isGsm7(ch), ch).toBe(false);
  });

  it('keeps the GSM-7 accented letters in GSM-7', () => {
    expect(isGsm7('é à ü Ä ñ £ ¥ § ¿ @ _')).toBe(true);
  });
});

describe('withoutDiacritics', () => {
  it('replaces comma and cedilla forms alike and brings the text back to GSM-7', () => {
    const out = withoutDiacritics('Mașina ŞI ţeava, Țară, în, Ăla, câine, Înainte');
    expect(out).toBe('Masina SI teava, Tara, in, Ala, caine, Inainte');
    expect(countSegments(out).encoding).toBe('gsm7');
  });

  it('also plain-types what formatting and copy-paste bring, keeps the accents GSM-7 has, and leaves an emoji alone', () => {
    // A formatted amount has a no-break space (Intl); quotes and dashes come from a word processor.
    const total = new Intl.NumberFormat('ro-RO', { style: 'currency', currency: 'RON' }).format(250);
    const out = withoutDiacritics(`Total ${total} – „gata” … Renée, Müller, Łukasz, Øre`);
    // Ł is a letter of its own, not an L with an accent: it stays (and keeps that text in UCS-2).
    expect(out).toBe('Total 250,00 RON - "gata" ... Renée, Müller, Łukasz, Øre');
    expect(withoutDiacritics('Zoë café')).toBe('Zoe café');
    expect(countSegments(withoutDiacritics(`Total ${total} – „gata”, Renée`)).encoding).toBe('gsm7');
    expect(countSegments(withoutDiacritics('Mulțumim 🙂')).encoding).toBe('ucs2');
  });
});

describe('normalizePhone', () => {
  it('gives international digits for Romanian mobile numbers written any usual way', () => {
    expect(normalizePhone('0722 123 456')).toBe('40722123456');
    expect(normalizePhone('+40 722-123-456')).toBe('40722123456');
    expect(normalizePhone('0040722123456')).toBe('40722123456');
    expect(normalizePhone('(0722) 123.456')).toBe('40722123456');
    expect(normalizePhone('+49 151 23456789')).toBe('4915123456789');
    expect(normalizePhone('722 123 456')).toBe('40722123456');
    expect(normalizePhone('+40 (0)722 123 456')).toBe('40722123456');
  });

  it('refuses what cannot be a mobile number', () => {
    expect(normalizePhone('')).toBeNull();
    expect(normalizePhone('0212345678')).toBeNull();
    expect(normalizePhone('0264 123 456')).toBeNull();
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('07221234ab')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import {
  classifyBarcode, completeEan, gs1CheckDigit, isValidCode128, isValidEan13, isValidEan8, isValidUpcA, looksLikeMistypedEan, normalizeBarcode,
} from './barcode';

// Codes printed on real products and in the GS1 and ISBN examples.
const ean13 = [
  '5901234123457', // GS1's own example
  '4006381333931', // a Stabilo pen
  '9780306406157', // an ISBN-13 (Pocket Guide to Chess)
  '5449000000996', // Coca-Cola 0.5 l
  '8410076472885', // a Spanish grocery item
];
const ean8 = ['96385074', '55123457', '40170725'];

describe('GS1 check digits', () => {
  it('computes the check digit of real EAN-13, EAN-8 and UPC-A codes', () => {
    for (const code of [...ean13, ...ean8, '036000291452']) expect(gs1CheckDigit(code.slice(0, -1)), code).toBe(Number(code.slice(-1)));
    expect(completeEan('590123412345')).toBe('5901234123457');
    expect(completeEan('9638507')).toBe('96385074');
    expect(() => completeEan('12345')).toThrow();
    expect(() => gs1CheckDigit('12a')).toThrow();
  });

  it('validates, and refuses every single wrong check digit and a swap of two neighbours', () => {
    for (const code of ean13) {
      expect(isValidEan13(code)).toBe(true);
      for (let d = 0; d <= 9; d++) if (String(d) !== code.slice(-1)) expect(isValidEan13(`${code.slice(0, -1)}${d}`)).toBe(false);
      // Swapping two different neighbouring digits whose difference is not 5 changes the sum.
      const swapped = code[0] !== code[1] && Math.abs(Number(code[0]) - Number(code[1])) !== 5;
      if (swapped) expect(isValidEan13(`${code[1]}${code[0]}${code.slice(2)}`)).toBe(false);
    }
    for (const code of ean8) expect(isValidEan8(code)).toBe(true);
    expect(isValidEan8('96385075')).toBe(false);
    expect(isValidEan13('590123412345')).toBe(false);
    expect(isValidEan13('590123412345a')).toBe(false);
    expect(isValidUpcA('036000291452')).toBe(true);
    expect(isValidUpcA('036000291453')).toBe(false);
  });
});

describe('kinds of code', () => {
  it('classifies EAN-13, EAN-8, UPC-A (as EAN-13) and Code 128', () => {
    for (const code of ean13) expect(classifyBarcode(code)).toBe('ean13');
    for (const code of ean8) expect(classifyBarcode(code)).toBe('ean8');
    expect(classifyBarcode('036000291452')).toBe('ean13');
    expect(normalizeBarcode(' 036000291452 ')).toBe('0036000291452');
    expect(isValidEan13(normalizeBarcode('036000291452'))).toBe(true);
    expect(classifyBarcode('FILTRU-ULEI 1.6 HDi')).toBe('code128');
    expect(classifyBarcode('5901234123458')).toBe('code128');
    expect(classifyBarcode('')).toBeNull();
    expect(classifyBarcode('Ștergător')).toBeNull();
    expect(classifyBarcode('A\tB')).toBeNull();
    expect(classifyBarcode('x'.repeat(49))).toBeNull();
  });

  it('Code 128 takes printable ASCII only', () => {
    expect(isValidCode128(' !"#~')).toBe(true);
    expect(isValidCode128('a\u007f')).toBe(false);
    expect(isValidCode128('ă')).toBe(false);
  });

  it('warns of an EAN with a wrong check digit, not of a valid one or a shop code', () => {
    expect(looksLikeMistypedEan('5901234123458')).toBe(true);
    expect(looksLikeMistypedEan('96385075')).toBe(true);
    expect(looksLikeMistypedEan('036000291453')).toBe(true);
    expect(looksLikeMistypedEan('5901234123457')).toBe(false);
    expect(looksLikeMistypedEan('P-00042')).toBe(false);
    expect(looksLikeMistypedEan('1234567')).toBe(false);
  });
});

/**
 * Product barcodes: which kind a code is, and whether its check digit is right. Pure functions, used by
 * the scanner (what was read), the product form (what was typed) and the labels (what to draw).
 *
 * - EAN-13 and EAN-8 (GS1): digits only, the last one a check digit (weights 3 and 1 from the right).
 * - UPC-A: 12 digits, the same check digit rule; it is the EAN-13 with a leading 0, and is stored and
 *   drawn as that EAN-13, so a product has one code whichever scanner reads it.
 * - Code 128: any printable ASCII (space to tilde), for the shop's own codes and suppliers' part codes.
 */

export type BarcodeKind = 'ean13' | 'ean8' | 'code128';

/** The longest Code 128 content a label takes (a 50 mm label prints about 20 characters legibly). */
export const code128MaxLength = 48;

const digitsOnly = /^\d+$/;

/** The GS1 check digit of the digits before it: weights 3,1,3,… starting from the rightmost digit. */
export function gs1CheckDigit(body: string): number {
  if (!digitsOnly.test(body)) throw new Error(`Not digits: ${body}`);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

function hasValidCheckDigit(code: string, length: number): boolean {
  if (code.length !== length || !digitsOnly.test(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

export function isValidEan13(code: string): boolean {
  return hasValidCheckDigit(code, 13);
}

export function isValidEan8(code: string): boolean {
  return hasValidCheckDigit(code, 8);
}

export function isValidUpcA(code: string): boolean {
  return hasValidCheckDigit(code, 12);
}

/** 12 digits → the EAN-13 with its check digit; 7 digits → the EAN-8. */
export function completeEan(body: string): string {
  if (!digitsOnly.test(body) || (body.length !== 12 && body.length !== 7)) throw new Error(`An EAN body is 12 or 7 digits: ${body}`);
  return `${body}${gs1CheckDigit(body)}`;
}

/** Code 128 (sets A/B/C together) encodes every printable ASCII character; control characters are not allowed on a label. */
export function isValidCode128(text: string): boolean {
  return text.length >= 1 && text.length <= code128MaxLength && /^[\x20-\x7e]+$/.test(text);
}

/**
 * A code as read or typed, tidied: spaces at the ends gone, and a valid UPC-A turned into its EAN-13
 * (scanners differ in which they report for the same bars).
 */
export function normalizeBarcode(text: string): string {
  const trimmed = text.trim();
  return isValidUpcA(trimmed) ? `0${trimmed}` : trimmed;
}

/**
 * Which kind a code is: an EAN-13 or EAN-8 when it is all digits of that length with a right check
 * digit (a UPC-A counts as EAN-13), otherwise Code 128 when it is printable ASCII, otherwise null.
 * A 13- or 8-digit code with a wrong check digit is still Code 128 (it can be printed so), but
 * `looksLikeMistypedEan` says so, for a warning.
 */
export function classifyBarcode(text: string): BarcodeKind | null {
  const code = normalizeBarcode(text);
  if (isValidEan13(code)) return 'ean13';
  if (isValidEan8(code)) return 'ean8';
  if (isValidCode128(code)) return 'code128';
  return null;
}

/** All digits, of an EAN's length, and the check digit wrong: most likely a typing mistake. */
export function looksLikeMistypedEan(text: string): boolean {
  const code = text.trim();
  if (!digitsOnly.test(code)) return false;
  if (code.length === 13) return !isValidEan13(code);
  if (code.length === 8) return !isValidEan8(code);
  if (code.length === 12) return !isValidUpcA(code);
  return false;
}

/**
 * The kind of barcode a product may carry: as `classifyBarcode`, except that a code of an EAN's or UPC's
 * length with a wrong check digit is refused (a mistyped EAN), never kept as Code 128 text.
 */
export function productBarcodeKind(text: string): BarcodeKind | null {
  return looksLikeMistypedEan(text) ? null : classifyBarcode(text);
}

/** What a product's label encodes: its barcode when it is one, else its own code as Code 128; null when neither can be drawn. */
export function labelBarcode(product: { barcode?: string | null; code?: string | null }): { text: string; kind: BarcodeKind } | null {
  for (const candidate of [product.barcode, product.code]) {
    const text = candidate?.trim();
    const kind = text ? classifyBarcode(text) : null;
    if (text && kind) return { text, kind };
  }
  return null;
}

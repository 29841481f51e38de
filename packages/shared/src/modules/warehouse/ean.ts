/**
 * Barcodes of products: EAN-13 and EAN-8 are digits with a check digit; anything else is kept as Code 128
 * text (printable ASCII), which scanners type as it is printed.
 */

/** The GS1 check digit of the digits before it (EAN-8, EAN-13, UPC-A alike). */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const d = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10;
}

export type BarcodeKind = 'ean13' | 'ean8' | 'code128';

/**
 * What kind of barcode a text is, or null when it is none a product may carry: 8 or 13 digits must carry
 * the right check digit (a mistyped EAN is refused, not kept as text); other text is Code 128 (1–48
 * printable ASCII characters).
 */
export function barcodeKind(text: string): BarcodeKind | null {
  if (/^\d{13}$/.test(text)) return gs1CheckDigit(text.slice(0, 12)) === Number(text[12]) ? 'ean13' : null;
  if (/^\d{8}$/.test(text)) return gs1CheckDigit(text.slice(0, 7)) === Number(text[7]) ? 'ean8' : null;
  return /^[\x20-\x7e]{1,48}$/.test(text) && text.trim() === text ? 'code128' : null;
}

import { checkPhone } from '../../validation/phone';

/**
 * How many SMS segments a text costs. A text made only of the GSM 03.38 alphabet (GSM-7) fits 160
 * characters in one SMS and 153 in each part of a longer one; a character of the extension table
 * (`{ } [ ] ~ \ | ^ €` and form feed) counts as two. Any other character (Romanian ș ț ă â î among
 * them) sends the whole text as UCS-2: 70 characters in one SMS, 67 in each part (counted in UTF-16
 * units, so a character outside the basic plane counts as two). Used by the composer and the server.
 */

const gsmBasic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const gsmExtension = new Set('^{}\\[~]|€\f');

export type SmsEncoding = 'gsm7' | 'ucs2';

export type SegmentCount = {
  encoding: SmsEncoding;
  /** Characters as the encoding counts them (GSM-7 extension characters count 2; UCS-2 counts UTF-16 units). */
  length: number;
  segments: number;
  /** Characters one segment holds for this text (160 or 153, 70 or 67). */
  perSegment: number;
  /** Characters left before the text needs one more segment. */
  remaining: number;
};

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!gsmBasic.has(ch) && !gsmExtension.has(ch)) return false;
  return true;
}

export function countSegments(text: string): SegmentCount {
  if (isGsm7(text)) {
    let length = 0;
    for (const ch of text) length += gsmExtension.has(ch) ? 2 : 1;
    return shape('gsm7', length, 160, 153);
  }
  return shape('ucs2', text.length, 70, 67);
}

function shape(encoding: SmsEncoding, length: number, single: number, multi: number): SegmentCount {
  if (length === 0) return { encoding, length, segments: 0, perSegment: single, remaining: single };
  const segments = length <= single ? 1 : Math.ceil(length / multi);
  const perSegment = segments === 1 ? single : multi;
  return { encoding, length, segments, perSegment, remaining: segments * perSegment - length };
}

const plain: Record<string, string> = {
  ș: 's', ş: 's', Ș: 'S', Ş: 'S', ț: 't', ţ: 't', Ț: 'T', Ţ: 'T', ă: 'a', Ă: 'A', â: 'a', Â: 'A', î: 'i', Î: 'I',
};

/** Typography a text picks up from formatting and copy-paste, and its GSM-7 stand-in. */
const typography: Record<string, string> = {
  '\u00a0': ' ', '\u202f': ' ', '\u2009': ' ', '\u2007': ' ', '\u200a': ' ', '„': '"', '”': '"', '“': '"', '«': '"', '»': '"',
  '‘': "'", '’': "'", '‚': "'", '–': '-', '—': '-', '‑': '-', '…': '...', '•': '-',
};

/**
 * The text as GSM-7 where it can be: without Romanian diacritics (comma and cedilla forms alike), with the
 * typography that formatting and copy-paste bring (the no-break space of formatted amounts, „quotes”,
 * dashes, …) in plain characters, and other accented Latin letters without their accent, except those
 * GSM-7 has (é, ü, …). What is left outside GSM-7 (an emoji, say) keeps the text in UCS-2.
 */
export function withoutDiacritics(text: string): string {
  let out = '';
  for (const ch of text.replace(/[șşȘŞțţȚŢăĂâÂîÎ]/g, (c) => plain[c] ?? c)) {
    if (gsmBasic.has(ch) || gsmExtension.has(ch)) out += ch;
    else if (typography[ch] !== undefined) out += typography[ch];
    else {
      const bare = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += isGsm7(bare) ? bare : ch;
    }
  }
  return out;
}

/**
 * A phone number as SMSAPI takes it: international digits, no "+" (`internationalPhone`), and only a
 * number that can receive an SMS: null for a Romanian landline and for what `checkPhone` does not recognise.
 */
export function normalizePhone(input: string): string | null {
  const phone = checkPhone(input);
  return phone.valid && phone.kind !== 'landline' ? phone.e164.slice(1) : null;
}

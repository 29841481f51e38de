/**
 * Phone numbers as people type them in a Romanian shop: national numbers (mobile 07xx xxx xxx, landline
 * 02x/03x, ten digits with the leading 0) with or without +40 / 0040, and foreign numbers in their
 * international +CC form. Spaces, dots, dashes, slashes and brackets are tolerated. Never a refusal on its
 * own: the caller shows a warning for a number it does not recognise.
 */
export type PhoneKind = 'mobile' | 'landline' | 'international';

export type PhoneCheck =
  | { valid: true; kind: PhoneKind; /** For display and storage: "0722 123 456", "021 312 3456", "+49 151 2345 6789". */ normalized: string; /** "+40722123456". */ e164: string }
  | { valid: false; kind: null; /** The input trimmed, spaces collapsed. */ normalized: string; e164: null };

const separators = /[\s.\-/()]/g;

/** Groups a Romanian national number (10 digits, leading 0) the way it is written. */
function formatNational(national: string): string {
  // Bucharest landlines have a two-digit area code (021, 031): 021 312 3456.
  if (/^0[23]1/.test(national)) return `${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
  // Mobiles and the other landlines (0241 Constanța, 0264 Cluj…): 0722 123 456.
  return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
}

function romanian(national: string): PhoneCheck | null {
  if (!/^0[237]\d{8}$/.test(national)) return null;
  const kind: PhoneKind = national[1] === '7' ? 'mobile' : 'landline';
  return { valid: true, kind, normalized: formatNational(national), e164: `+40${national.slice(1)}` };
}

export function checkPhone(input: string): PhoneCheck {
  const trimmed = input.trim().replace(/\s+/g, ' ');
  const invalid: PhoneCheck = { valid: false, kind: null, normalized: trimmed, e164: null };
  // Only digits, one leading "+" and the separators above: letters or a second number make it unrecognised.
  if (!/^\+?[\d\s.\-/()]+$/.test(trimmed)) return invalid;
  const plus = trimmed.startsWith('+');
  let digits = trimmed.replace(separators, '').replace(/^\+/, '');
  let international = plus;
  if (!plus && digits.startsWith('00')) {
    digits = digits.slice(2);
    international = true;
  }

  if (international) {
    if (digits.startsWith('40')) {
      // +40 722 123 456, and the common "+40 (0)722 123 456" with the trunk zero kept.
      const rest = digits.slice(2);
      return romanian(rest.startsWith('0') ? rest : `0${rest}`) ?? invalid;
    }
    // E.164: a country code not starting with 0, at most 15 digits; fewer than 8 is not a real number.
    if (!/^[1-9]\d{7,14}$/.test(digits)) return invalid;
    // Keep the groups the person typed, with single spaces: "+49-151-2345-6789" → "+49 151 2345 6789".
    const groups = trimmed.replace(/^\+|^00/, '').split(/[\s.\-/()]+/).filter(Boolean);
    const written = groups.length > 1 ? `+${groups.join(' ')}` : `+${digits}`;
    return { valid: true, kind: 'international', normalized: written, e164: `+${digits}` };
  }

  // "40722123456" (copied from a messaging app) and "722123456" (the leading 0 forgotten).
  if (/^40[237]\d{8}$/.test(digits)) return romanian(`0${digits.slice(2)}`) ?? invalid;
  if (/^[237]\d{8}$/.test(digits)) return romanian(`0${digits}`) ?? invalid;
  return romanian(digits) ?? invalid;
}

/**
 * The number as WhatsApp and SMS gateways want it: international, digits only, no "+" ("0722 123 456" →
 * "40722123456", "+49 151 2345 6789" → "491512345678"). Null for an empty or unrecognised number.
 */
export function internationalPhone(input: string | null | undefined): string | null {
  if (!input?.trim()) return null;
  const phone = checkPhone(input);
  return phone.valid ? phone.e164.slice(1) : null;
}

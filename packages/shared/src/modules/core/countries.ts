/**
 * Countries of a party, by their ISO 3166-1 alpha-2 codes (e-Factura's `IdentificationCode`). Their
 * names come from the runtime's own locale data (`Intl.DisplayNames`), in the language of the page.
 */
const codes = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ '
  + 'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR '
  + 'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP '
  + 'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS '
  + 'MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS '
  + 'RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW '
  + 'TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

export const countryCodes: readonly string[] = codes;
const known = new Set(codes);

export function isCountryCode(code: string): boolean {
  return known.has(code);
}

/** The member states of the European Union and the prefix of their VAT numbers (Greece writes EL). */
const euVatPrefixes: Readonly<Record<string, string>> = {
  AT: 'AT', BE: 'BE', BG: 'BG', CY: 'CY', CZ: 'CZ', DE: 'DE', DK: 'DK', EE: 'EE', ES: 'ES', FI: 'FI', FR: 'FR',
  GR: 'EL', HR: 'HR', HU: 'HU', IE: 'IE', IT: 'IT', LT: 'LT', LU: 'LU', LV: 'LV', MT: 'MT', NL: 'NL', PL: 'PL',
  PT: 'PT', RO: 'RO', SE: 'SE', SI: 'SI', SK: 'SK',
};

export function isEuCountry(code: string): boolean {
  return code in euVatPrefixes;
}

/** A tax or VAT number as written in registers: no spaces, dots or dashes, capital letters ("hu 1289-2312" → "HU12892312"). */
export function compactTaxId(id: string): string {
  return id.replace(/[\s.-]/g, '').toUpperCase();
}

/** "HU12345678" for a company in Hungary: an EU VAT number, with its country's prefix. */
export function isEuVatNumber(country: string, id: string): boolean {
  const prefix = euVatPrefixes[country];
  return prefix !== undefined && new RegExp(`^${prefix}[0-9A-Z+*]{2,12}$`).test(compactTaxId(id));
}

/** The EU state whose VAT number this is, by its prefix ("HU12892312" → HU, "EL…" → GR), or null. */
export function euCountryOfVatNumber(id: string): string | null {
  const compact = compactTaxId(id);
  const country = Object.keys(euVatPrefixes).find((c) => compact.startsWith(euVatPrefixes[c] as string));
  return country !== undefined && isEuVatNumber(country, compact) ? country : null;
}

const displayNames = new Map<string, Intl.DisplayNames>();

/** "Ungaria" for HU in Romanian; the code itself where the runtime knows no name. */
export function countryName(code: string, locale = 'ro'): string {
  let names = displayNames.get(locale);
  if (!names) displayNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' })));
  return names.of(code) ?? code;
}

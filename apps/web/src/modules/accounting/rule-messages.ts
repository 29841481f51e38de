/**
 * The accounting rules' refusals (English, from the shared checks on the device and the server) and
 * the message keys that say them in the person's language.
 */
export const accountingRuleMessages: readonly (readonly [string, string])[] = [
  ['held by another device', 'accounting.rules.heldByOther'],
  ['The next number of series', 'accounting.rules.nextNumber'],
  ['Invoice numbers of a series follow one another', 'accounting.rules.nextNumber'],
  ['An issued invoice cannot be', 'accounting.rules.immutable'],
  ['needs a valid CUI', 'accounting.rules.profile'],
  ['needs an address and a city', 'accounting.rules.profile'],
  ['needs a county', 'accounting.rules.profile'],
  ['is not a VAT rate on', 'accounting.rules.vatRate'],
  ['would fail e-Factura validation', 'accounting.rules.efactura'],
  ['needs its VAT or tax number', 'accounting.rules.profile'],
];

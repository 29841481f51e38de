/**
 * The accounting rules' refusals (English, from the shared checks on the device and the server) and
 * the message keys that say them in the person's language.
 */
export const accountingRuleMessages: readonly (readonly [string, string])[] = [
  ['held by another device', 'rules.heldByOther'],
  ['The next number of series', 'rules.nextNumber'],
  ['Invoice numbers of a series follow one another', 'rules.nextNumber'],
  ['An issued invoice cannot be', 'rules.immutable'],
  ['needs a valid CUI', 'rules.profile'],
  ['needs an address and a city', 'rules.profile'],
  ['needs a county', 'rules.profile'],
  ['is not a VAT rate on', 'rules.vatRate'],
  ['would fail e-Factura validation', 'rules.efactura'],
  ['needs its VAT or tax number', 'rules.profile'],
];

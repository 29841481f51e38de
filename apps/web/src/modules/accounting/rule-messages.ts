import { ruleMessageKey } from '@/app/modules';

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
];

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** A refusal in the person's language (any module's rule), else the message inside the generic text. */
export function ruleText(t: Translate, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const key = ruleMessageKey(message);
  return key ? t(key) : t('errors.generic', { message });
}

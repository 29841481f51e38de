import { workshopRuleMessages as known } from '../../rule-messages';

/**
 * The refusals of the order rules (shared `check`s, the same on the device and the server) in the
 * person's language; anything else is shown as it came, inside the generic error text.
 */

export type Translate = (key: string, named?: Record<string, unknown>) => string;

export function orderErrorText(t: Translate, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const hit = known.find(([text]) => message.includes(text));
  return hit ? t(hit[1]) : t('errors.generic', { message });
}

/**
 * The refusals of the order rules (shared `check`s, the same on the device and the server) in the
 * person's language; anything else is shown as it came, inside the generic error text.
 */
const known: readonly (readonly [string, string])[] = [
  ['An order needs a vehicle before it is validated', 'orders.errors.needsVehicle'],
  ['A validated order cannot be changed', 'orders.errors.notDraft'],
  ['The lines of a validated or invoiced order cannot be changed', 'orders.errors.notDraft'],
  ['An invoiced order cannot be changed', 'orders.errors.invoiced'],
  ['Only a draft order can be deleted', 'orders.errors.deleteDraftOnly'],
  ['This record does not exist', 'orders.errors.gone'],
  ['The order of this line does not exist', 'orders.errors.gone'],
  ['A line needs a description', 'orders.errors.lineDescription'],
];

export type Translate = (key: string, named?: Record<string, unknown>) => string;

export function orderErrorText(t: Translate, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const hit = known.find(([text]) => message.includes(text));
  return hit ? t(hit[1]) : t('errors.generic', { message });
}

/**
 * The workshop rules' refusals (English, from the shared `check`s, the same on the device and the
 * server) and the message keys that say them in the person's language.
 */
export const workshopRuleMessages: readonly (readonly [string, string])[] = [
  ['An order needs a vehicle before it is validated', 'orders.errors.needsVehicle'],
  ['A validated order cannot be changed', 'orders.errors.notDraft'],
  ['The lines of a validated or invoiced order cannot be changed', 'orders.errors.notDraft'],
  ['An invoiced order cannot be changed', 'orders.errors.invoiced'],
  ['Only a draft order can be deleted', 'orders.errors.deleteDraftOnly'],
  ['This record does not exist', 'orders.errors.gone'],
  ['The order of this line does not exist', 'orders.errors.gone'],
  ['A line needs a description', 'orders.errors.lineDescription'],
];

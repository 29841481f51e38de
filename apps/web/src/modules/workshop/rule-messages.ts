/**
 * The workshop rules' refusals (English, from the shared `check`s, the same on the device and the
 * server) and the message keys that say them in the person's language.
 */
export const workshopRuleMessages: readonly (readonly [string, string])[] = [
  ['An order needs a vehicle before it is validated', 'workshop.orders.errors.needsVehicle'],
  ['A validated order cannot be changed', 'workshop.orders.errors.notDraft'],
  ['The lines of a validated or invoiced order cannot be changed', 'workshop.orders.errors.notDraft'],
  ['An invoiced order cannot be changed', 'workshop.orders.errors.invoiced'],
  ['Only a draft order can be deleted', 'workshop.orders.errors.deleteDraftOnly'],
  ['This record does not exist', 'workshop.orders.errors.gone'],
  ['The order of this line does not exist', 'workshop.orders.errors.gone'],
  ['A line needs a description', 'workshop.orders.errors.lineDescription'],
];

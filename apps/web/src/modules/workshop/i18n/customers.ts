/** The workshop's parts of a customer's page and a vehicle's customer (`workshop.customers.…`). */
export const customersRo = {
  vehiclesTitle: 'Vehiculele clientului',
  vehiclesEmpty: 'Niciun vehicul al acestui client.',
  newVehicle: 'Vehicul nou',
  ordersTitle: 'Comenzile clientului',
  ordersEmpty: 'Nicio comandă pentru acest client.',
  order: 'Comanda {nr}',
  orderDraft: 'Ciornă fără număr',
  customer: 'Client',
  openCustomer: 'Fișa clientului',
  unlinked: 'Clientul „{name}” nu are încă fișă de client.',
  unlinkedHint: 'Legați vehiculul de un client existent sau faceți o fișă din datele de pe vehicul; comenzile noi iau apoi datele din fișă.',
  linkTo: 'Leagă de {name}',
  create: 'Fă fișă de client',
  linked: 'Vehiculul este legat de client.',
};

export const customersEn: typeof customersRo = {
  vehiclesTitle: "The customer's vehicles",
  vehiclesEmpty: 'No vehicles of this customer.',
  newVehicle: 'New vehicle',
  ordersTitle: "The customer's orders",
  ordersEmpty: 'No orders for this customer.',
  order: 'Order {nr}',
  orderDraft: 'Draft without a number',
  customer: 'Customer',
  openCustomer: "Customer's page",
  unlinked: 'The customer "{name}" has no customer record yet.',
  unlinkedHint: "Link the vehicle to an existing customer or make a record from the vehicle's details; new orders then take the details from the record.",
  linkTo: 'Link to {name}',
  create: 'Make a customer record',
  linked: 'The vehicle is linked to the customer.',
};

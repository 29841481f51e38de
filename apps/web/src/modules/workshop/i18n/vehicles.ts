/** Words of the vehicles pages and the vehicle picker. */
export const vehiclesRo = {
  title: 'Vehicule',
  search: 'Caută după număr, client sau telefon',
  empty: 'Niciun vehicul încă.',
  add: 'Adaugă vehicul',
  plate: 'Număr de înmatriculare',
  owner: 'Client',
  phone: 'Telefon client',
  save: 'Salvează',
};

export const vehiclesEn: typeof vehiclesRo = {
  title: 'Vehicles',
  search: 'Search by plate, customer or phone',
  empty: 'No vehicles yet.',
  add: 'Add vehicle',
  plate: 'Plate number',
  owner: 'Customer',
  phone: 'Customer phone',
  save: 'Save',
};

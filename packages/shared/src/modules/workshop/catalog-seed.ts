/**
 * The starter catalog of a new workshop (nomenclatoare): the makes and models seen in Romanian
 * service shops, the assemblies, a set of standard labour times, order types, engine types and the
 * usual prices. A company made on the server gets it at registration; a browser used without an
 * account gets it once, when its database is created. Everything can be changed or deactivated later.
 */

/** One creation of the seed: a row of a synced catalog table, its id included. */
export type CatalogSeedOp = { table: string; data: Record<string, unknown> };

/** Makes and their usual models. */
const makes: readonly (readonly [string, readonly string[]])[] = [
  ['Dacia', ['Logan', 'Sandero', 'Duster', 'Spring', 'Jogger', 'Lodgy', 'Dokker', 'Solenza']],
  ['Renault', ['Clio', 'Megane', 'Captur', 'Kadjar', 'Scenic', 'Laguna', 'Symbol', 'Kangoo']],
  ['Volkswagen', ['Golf', 'Passat', 'Polo', 'Tiguan', 'Touran', 'Jetta', 'Caddy', 'Transporter']],
  ['Skoda', ['Octavia', 'Fabia', 'Superb', 'Rapid', 'Kodiaq', 'Karoq', 'Kamiq', 'Scala']],
  ['Ford', ['Focus', 'Fiesta', 'Mondeo', 'Kuga', 'Puma', 'EcoSport', 'C-Max', 'Transit']],
  ['Opel', ['Astra', 'Corsa', 'Insignia', 'Vectra', 'Zafira', 'Meriva', 'Mokka', 'Vivaro']],
  ['Toyota', ['Corolla', 'Yaris', 'RAV4', 'Auris', 'C-HR', 'Avensis', 'Aygo', 'Hilux']],
  ['Hyundai', ['i10', 'i20', 'i30', 'Tucson', 'Santa Fe', 'Kona', 'ix35', 'Elantra']],
  ['Kia', ['Ceed', 'Rio', 'Sportage', 'Sorento', 'Picanto', 'Niro', 'Stonic']],
  ['BMW', ['Seria 1', 'Seria 3', 'Seria 5', 'Seria 7', 'X1', 'X3', 'X5']],
  ['Mercedes-Benz', ['Clasa A', 'Clasa B', 'Clasa C', 'Clasa E', 'GLC', 'ML', 'Vito', 'Sprinter']],
  ['Audi', ['A3', 'A4', 'A6', 'A8', 'Q3', 'Q5', 'Q7']],
  ['Peugeot', ['206', '207', '208', '308', '508', '2008', '3008', 'Partner']],
  ['Citroën', ['C3', 'C4', 'C5', 'C-Elysée', 'C4 Picasso', 'Berlingo', 'Jumper']],
  ['Fiat', ['Panda', 'Punto', '500', 'Tipo', 'Bravo', 'Doblo', 'Ducato']],
  ['Nissan', ['Micra', 'Note', 'Juke', 'Qashqai', 'X-Trail', 'Leaf', 'Navara']],
  ['Suzuki', ['Swift', 'Ignis', 'Vitara', 'Grand Vitara', 'SX4 S-Cross', 'Jimny']],
  ['Seat', ['Ibiza', 'Leon', 'Toledo', 'Altea', 'Arona', 'Ateca', 'Alhambra']],
  ['Mazda', ['Mazda2', 'Mazda3', 'Mazda6', 'CX-3', 'CX-30', 'CX-5']],
  ['Honda', ['Jazz', 'Civic', 'Accord', 'HR-V', 'CR-V']],
  ['Volvo', ['S60', 'V40', 'V60', 'V70', 'XC40', 'XC60', 'XC90']],
  ['Mitsubishi', ['Space Star', 'Lancer', 'ASX', 'Outlander', 'Pajero', 'L200']],
  ['Chevrolet', ['Spark', 'Aveo', 'Lacetti', 'Cruze', 'Orlando', 'Captiva']],
  ['Jeep', ['Renegade', 'Compass', 'Cherokee', 'Grand Cherokee', 'Wrangler']],
];

/** Assemblies, each with the standard labour times of the starter set: [code, name, hours]. */
const assemblies: readonly (readonly [string, readonly (readonly [string, string, string])[]])[] = [
  ['Motor', [
    ['M001', 'Schimb ulei și filtru ulei', '0.5'],
    ['M002', 'Înlocuire filtru aer', '0.3'],
    ['M003', 'Înlocuire filtru combustibil', '0.5'],
    ['M004', 'Înlocuire bujii (motor 4 cilindri)', '0.8'],
    ['M005', 'Înlocuire distribuție (kit curea și pompă apă)', '3.5'],
    ['M006', 'Înlocuire curea accesorii', '0.8'],
  ]],
  ['Transmisie', [
    ['T001', 'Înlocuire kit ambreiaj', '4'],
    ['T002', 'Schimb ulei cutie de viteze', '0.8'],
    ['T003', 'Înlocuire planetară', '1.5'],
  ]],
  ['Frânare', [
    ['F001', 'Înlocuire plăcuțe frână față', '1'],
    ['F002', 'Înlocuire plăcuțe frână spate', '1'],
    ['F003', 'Înlocuire discuri și plăcuțe frână față', '1.5'],
    ['F004', 'Schimb lichid de frână și aerisire', '0.8'],
  ]],
  ['Direcție', [
    ['D001', 'Geometrie roți', '1'],
    ['D002', 'Înlocuire cap de bară', '0.8'],
  ]],
  ['Suspensie', [
    ['S001', 'Înlocuire amortizoare față (pereche)', '2'],
    ['S002', 'Înlocuire bieletă antiruliu', '0.5'],
    ['S003', 'Înlocuire braț suspensie față', '1.2'],
  ]],
  ['Sistem electric', [
    ['E001', 'Înlocuire baterie', '0.3'],
    ['E002', 'Diagnoză computerizată', '0.5'],
  ]],
  ['Climatizare', [
    ['C001', 'Încărcare instalație de climatizare', '1'],
    ['C002', 'Înlocuire filtru habitaclu', '0.3'],
  ]],
  ['Caroserie', [['K001', 'Înlocuire parbriz', '2']]],
  ['Evacuare', [['V001', 'Înlocuire tobă finală', '1']]],
  ['Răcire', [
    ['R001', 'Schimb lichid de răcire (antigel)', '1'],
    ['R002', 'Înlocuire termostat', '1.2'],
  ]],
  ['Roți și anvelope', [
    ['A001', 'Montaj/demontaj anvelope (set 4)', '1'],
    ['A002', 'Echilibrare roți (set 4)', '0.5'],
    ['A003', 'Reparație pană anvelopă', '0.5'],
  ]],
];

const orderTypes = ['Reparație', 'Revizie', 'Vulcanizare', 'Pregătire ITP', 'Diagnoză', 'Garanție'] as const;

const engineTypes = ['Benzină', 'Motorină', 'GPL', 'Hibrid', 'Electric'] as const;

/** Standard prices: [name, price in bani, unit of measure]. */
const prices: readonly (readonly [string, number, string])[] = [
  ['Oră manoperă', 15_000, 'oră'],
  ['Oră manoperă diagnoză', 20_000, 'oră'],
  ['Echilibrare roată', 2_500, 'buc'],
];

/**
 * The starter catalog as creations in dependency order (each make before its models, each assembly
 * before its labour times), new ids made with `newId`. Write them all in one batch.
 */
export function catalogSeed(newId: () => string): CatalogSeedOp[] {
  const ops: CatalogSeedOp[] = [];
  const add = (table: string, data: Record<string, unknown>): string => {
    const id = newId();
    ops.push({ table, data: { id, ...data, activ: 1 } });
    return id;
  };

  for (const [make, models] of makes) {
    const marcaId = add('catalog_marci', { denumire: make });
    for (const model of models) add('catalog_modele', { marca_id: marcaId, denumire: model });
  }
  for (const [assembly, norms] of assemblies) {
    const ansambluId = add('catalog_ansamble', { denumire: assembly });
    for (const [cod, denumire, ore] of norms) add('catalog_norme', { cod, denumire, ore_normate: ore, ansamblu_id: ansambluId });
  }
  for (const denumire of orderTypes) add('catalog_tipuri_deviz', { denumire });
  for (const denumire of engineTypes) add('catalog_tipuri_motoare', { denumire });
  for (const [denumire, pret, um] of prices) add('catalog_preturi', { denumire, pret, um });
  return ops;
}

import { defineMessages } from '@/app/module-kit';
import { catalogEn, catalogRo } from './i18n/catalog';
import { dueEn, dueRo } from './i18n/due';
import { mailEn, mailRo } from './i18n/mail';
import { ordersEn, ordersRo } from './i18n/orders';
import { photosEn, photosRo, receptionEn, receptionRo } from './i18n/photos';
import { vehiclesEn, vehiclesRo } from './i18n/vehicles';
import { customersEn, customersRo } from './i18n/customers';

/** The workshop module's texts (`workshop.…`), one file per part. */
const ro = {
  export: { number: 'Nr. comandă', date: 'Data', status: 'Stare', plate: 'Nr. auto', customer: 'Client', vehicle: 'Vehicul', total: 'Total', file: 'Comenzi' },
  nav: { orders: 'Comenzi', vehicles: 'Vehicule', catalog: 'Catalog', due: 'Scadențe' },
  firstRun: {
    order: 'Recepționați prima mașină',
    orderHint: 'O comandă nouă: vehiculul, clientul și lucrările de făcut.',
    deviz: 'Trimiteți primul deviz',
    devizHint: 'Din pagina comenzii: „Deviz PDF”, de tipărit sau de trimis clientului pe WhatsApp.',
  },
  vehicles: vehiclesRo,
  catalog: catalogRo,
  orders: ordersRo,
  customers: customersRo,
  due: dueRo,
  mail: mailRo,
  photos: photosRo,
  reception: receptionRo,
  documents: {
    deviz: 'Deviz PDF',
    devizWord: 'Devizul {n}',
    making: 'Se pregătește PDF-ul…',
    shareText: '{doc} de la {company}: total {total}',
  },
  /** Synced tables as people call them (rejected changes name them). */
  tables: {
    vehicles: 'Vehicule', orders: 'Comenzi', order_lines: 'Linii de comandă', catalog_marci: 'Mărci', catalog_modele: 'Modele', catalog_ansamble: 'Ansamble',
    catalog_norme: 'Norme', catalog_preturi: 'Prețuri', catalog_tipuri_deviz: 'Tipuri deviz', catalog_tipuri_motoare: 'Tipuri motoare', mecanici: 'Mecanici',
    vehicle_receptions: 'Fișe de recepție', order_photos: 'Fotografii',
  },
};

const en: typeof ro = {
  export: { number: 'Order no.', date: 'Date', status: 'Status', plate: 'Plate', customer: 'Customer', vehicle: 'Vehicle', total: 'Total', file: 'Orders' },
  nav: { orders: 'Orders', vehicles: 'Vehicles', catalog: 'Catalog', due: 'Due dates' },
  firstRun: {
    order: 'Check in the first car',
    orderHint: 'A new order: the vehicle, the customer and the work to do.',
    deviz: 'Send the first estimate',
    devizHint: 'From the order\'s page: "Estimate PDF", to print or to send to the customer on WhatsApp.',
  },
  vehicles: vehiclesEn,
  catalog: catalogEn,
  orders: ordersEn,
  customers: customersEn,
  due: dueEn,
  mail: mailEn,
  photos: photosEn,
  reception: receptionEn,
  documents: {
    deviz: 'Estimate PDF',
    devizWord: 'Estimate {n}',
    making: 'Preparing the PDF…',
    shareText: '{doc} from {company}: total {total}',
  },
  tables: {
    vehicles: 'Vehicles', orders: 'Orders', order_lines: 'Order lines', catalog_marci: 'Makes', catalog_modele: 'Models', catalog_ansamble: 'Assemblies',
    catalog_norme: 'Labour times', catalog_preturi: 'Prices', catalog_tipuri_deviz: 'Order types', catalog_tipuri_motoare: 'Engine types', mecanici: 'Mechanics',
    vehicle_receptions: 'Reception sheets', order_photos: 'Photos',
  },
};

export const workshopMessages = defineMessages(ro, en);

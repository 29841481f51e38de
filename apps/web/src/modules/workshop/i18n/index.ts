import { catalogEn, catalogRo } from './catalog';
import { ordersEn, ordersRo } from './orders';
import { vehiclesEn, vehiclesRo } from './vehicles';

/** The workshop module's messages, one file per part, merged into the app's messages. */
export const workshopRo = { vehicles: vehiclesRo, catalog: catalogRo, orders: ordersRo };
export const workshopEn: typeof workshopRo = { vehicles: vehiclesEn, catalog: catalogEn, orders: ordersEn };

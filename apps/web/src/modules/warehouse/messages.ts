import { defineMessages } from '@/app/module-kit';
import { tyreHotelEn, tyreHotelRo, tyreHotelTables } from './tyre-hotel.messages';

/** The warehouse module's texts (`warehouse.…`). */
export const warehouseMessages = defineMessages(
  { tables: { ...tyreHotelTables.ro }, tyres: tyreHotelRo },
  { tables: { ...tyreHotelTables.en }, tyres: tyreHotelEn },
);

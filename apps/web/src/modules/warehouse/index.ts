import { defineWebModule } from '@/app/module-kit';
import { tyreHotelBridge } from './bridges/tyre-hotel';
import { warehouseMessages } from './messages';

/** The warehouse: today the tyre hotel, with the workshop. */
export const warehouseModule = defineWebModule({
  id: 'warehouse',
  messages: warehouseMessages,
  bridges: [tyreHotelBridge],
});

import { defineAsyncComponent } from 'vue';
import { contribute, defineWebModule } from '@/app/module-kit';
import { orderStockBridge } from './bridges/order-stock';
import { tyreHotelBridge } from './bridges/tyre-hotel';
import { tyrePhotoKind } from './bridges/tyre-hotel/tyre-photos';
import { uploadPhotos } from '../workshop/photos/photo-service';
import { warehouseMessages } from './messages';
import { readWarehouse } from './permissions';
import { searchActions } from './slots';
import { homeFigures } from '@/modules/core/slots';

/**
 * Products and tyres, stock per location as a ledger of movements, its value (docs/warehouse.md), and
 * with the workshop the tyre hotel (docs/tyre-hotel.md).
 */
export const warehouseModule = defineWebModule({
  id: 'warehouse',
  // The tyre hotel's photos taken on this device go up after each sync (nothing to do when none wait).
  afterSync: async (db) => {
    await uploadPhotos(db, tyrePhotoKind);
  },
  routes: [
    { path: '/warehouse/products', name: 'warehouse-products', component: () => import('./pages/ProductsPage.vue') },
    { path: '/warehouse/products/new', name: 'warehouse-product-new', component: () => import('./pages/ProductEditPage.vue') },
    { path: '/warehouse/products/:id', name: 'warehouse-product', component: () => import('./pages/ProductEditPage.vue'), props: true },
    { path: '/warehouse/stock', name: 'warehouse-stock', component: () => import('./pages/StockPage.vue') },
    { path: '/warehouse/movements/new', name: 'warehouse-movement-new', component: () => import('./pages/MovementPage.vue') },
    { path: '/warehouse/locations', name: 'warehouse-locations', component: () => import('./pages/LocationsPage.vue') },
    { path: '/warehouse/reorder', name: 'warehouse-reorder', component: () => import('./pages/ReorderPage.vue') },
    { path: '/warehouse/counts', name: 'warehouse-counts', component: () => import('./pages/CountsPage.vue') },
    { path: '/warehouse/counts/:id', name: 'warehouse-count', component: () => import('./pages/CountPage.vue'), props: true },
    { path: '/warehouse/receipts', name: 'warehouse-receipts', component: () => import('./pages/ReceiptsPage.vue') },
    { path: '/warehouse/receipts/new', name: 'warehouse-receipt-new', component: () => import('./pages/ReceiptNewPage.vue') },
    { path: '/warehouse/receipts/:id', name: 'warehouse-receipt', component: () => import('./pages/ReceiptPage.vue'), props: true },
    { path: '/warehouse/delivery-notes', name: 'warehouse-delivery-notes', component: () => import('./pages/DeliveryNotesPage.vue') },
    { path: '/warehouse/delivery-notes/new', name: 'warehouse-delivery-note-new', component: () => import('./pages/DeliveryNoteNewPage.vue') },
    { path: '/warehouse/delivery-notes/:id', name: 'warehouse-delivery-note', component: () => import('./pages/DeliveryNotePage.vue'), props: true },
    { path: '/warehouse/settings', name: 'warehouse-settings', component: () => import('./pages/WarehouseSettingsPage.vue') },
  ],
  nav: [
    { to: '/warehouse/products', labelKey: 'warehouse.nav.products', icon: 'book', order: 31 },
    { to: '/warehouse/stock', labelKey: 'warehouse.nav.stock', icon: 'clipboard', order: 32 },
    { to: '/warehouse/receipts', labelKey: 'warehouse.nav.receipts', icon: 'clipboard', order: 33 },
    { to: '/warehouse/delivery-notes', labelKey: 'warehouse.nav.deliveryNotes', icon: 'clipboard', order: 34 },
    { to: '/warehouse/reorder', labelKey: 'warehouse.reorder.nav', icon: 'clipboard', order: 35 },
  ],
  messages: warehouseMessages,
  contributes: [
    contribute(searchActions, { component: defineAsyncComponent(() => import('./scan/ScanButton.vue')) }),
    contribute(homeFigures, { component: defineAsyncComponent(() => import('./components/ReorderHomeCard.vue')), order: 30, permissions: [readWarehouse] }),
  ],
  bridges: [tyreHotelBridge, orderStockBridge],
});

import { productCostsTable } from '@roaauto/shared';
import { contribute, type WebBridge } from '@/app/module-kit';
import { lazyCompute } from '../../glance/lazy';
import { glanceSources } from '../../slots';

/** `warehouse_reports`: what the reports show of the warehouse module's data, only while it is on. */
export const warehouseReportsBridge: WebBridge = {
  id: 'warehouse_reports',
  with: ['warehouse'],
  contributes: [
    // Values need the costs, which only `warehouse.costs` reads.
    contribute(glanceSources, { id: 'warehouse', order: 3, compute: lazyCompute('warehouseCostsGlance'), permissions: [productCostsTable.writePermission] }),
    contribute(glanceSources, { id: 'tyre_hotel', order: 4, compute: lazyCompute('tyreHotelGlance') }),
  ],
};

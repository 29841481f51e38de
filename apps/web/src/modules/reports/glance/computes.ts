/** The sources' computations, in the reports' own chunk: the bridges name them and load them on first use (`lazy.ts`). */
export { accountingGlance, appointmentsGlance, smsGlance, tyreHotelGlance, warehouseCostsGlance, workshopGlance } from '@roaauto/shared';

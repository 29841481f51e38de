import { newId, type WriteOp } from '@roaauto/shared';
import type { AppointmentRow } from '../../calendar';

/** What an order starts from: the appointment, its service's order type, the customer and vehicle rows when there. */
export type OrderSource = {
  appointment: AppointmentRow;
  tipDevizId: string | null;
  client: { id: string; nume: string; telefon: string | null; email: string | null; cod_fiscal?: string | null } | null;
  vehicle: { id: string; nr_inmatriculare: string; client_id: string | null } | null;
  /** The shop's date today (the order's date). */
  today: string;
  /** The number a new order gets on this device (null: the server gives it). */
  number: number | null;
};

/**
 * "Start the order": one write that makes the DRAFT order with the customer, the vehicle (or the typed
 * plate) and the service's order type, and marks the appointment arrived with the order linked.
 */
export function orderFromAppointment(src: OrderSource, orderId: string = newId()): { orderId: string; ops: WriteOp[] } {
  const a = src.appointment;
  const c = src.client;
  const v = src.vehicle;
  const order = {
    id: orderId,
    status: 'DRAFT',
    nr_comanda: src.number,
    data_comanda: src.today,
    tip_deviz_id: src.tipDevizId,
    vehicle_id: v?.id ?? null,
    nr_auto: v?.nr_inmatriculare ?? a.nr_auto,
    client_id: c?.id ?? v?.client_id ?? null,
    client_nume: c?.nume ?? a.client_nume,
    client_telefon: c?.telefon ?? a.client_telefon,
    client_email: c?.email ?? a.client_email,
    mecanic_id: a.mecanic_id,
    observatii: a.observatii,
    // No lines yet.
    total_manopera: 0,
    total_materiale: 0,
    total_general: 0,
  };
  return {
    orderId,
    ops: [
      { op: 'create', table: 'orders', data: order },
      { op: 'update', table: 'appointments', id: a.id, patch: { order_id: orderId, status: 'arrived' } },
    ],
  };
}

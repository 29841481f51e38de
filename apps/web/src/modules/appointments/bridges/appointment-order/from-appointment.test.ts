import { describe, expect, it } from 'vitest';
import type { AppointmentRow } from '../../calendar';
import { orderFromAppointment } from './from-appointment';

const appointment: AppointmentRow = {
  id: 'a1', inceput: '2026-12-07T07:00:00.000Z', sfarsit: '2026-12-07T08:00:00.000Z', data: '2026-12-07', post_id: 'b1', mecanic_id: 'm1', service_id: 's1',
  campaign_id: null, client_id: null, vehicle_id: null, client_nume: 'Ion Pop', client_telefon: '0722 111 222', client_email: null, nr_auto: 'B 12 ABC',
  observatii: 'Anvelope în portbagaj', status: 'confirmed', sursa: 'online', order_id: null,
};

describe('an order started from an appointment', () => {
  it('a typed customer and plate: a draft order with them and the service\'s order type; the appointment arrived and linked', () => {
    const { orderId, ops } = orderFromAppointment({ appointment, tipDevizId: 't1', client: null, vehicle: null, today: '2026-12-07', number: null }, 'o1');
    expect(orderId).toBe('o1');
    expect(ops).toEqual([
      {
        op: 'create', table: 'orders', data: {
          id: 'o1', status: 'DRAFT', nr_comanda: null, data_comanda: '2026-12-07', tip_deviz_id: 't1', vehicle_id: null, nr_auto: 'B 12 ABC', client_id: null,
          client_nume: 'Ion Pop', client_telefon: '0722 111 222', client_email: null, mecanic_id: 'm1', observatii: 'Anvelope în portbagaj',
          total_manopera: 0, total_materiale: 0, total_general: 0,
        },
      },
      { op: 'update', table: 'appointments', id: 'a1', patch: { order_id: 'o1', status: 'arrived' } },
    ]);
  });

  it('a picked customer and vehicle: their rows give the details', () => {
    const { ops } = orderFromAppointment({
      appointment: { ...appointment, client_id: 'c1', vehicle_id: 'v1' }, tipDevizId: null,
      client: { id: 'c1', nume: 'Ion Popescu', telefon: '0733', email: 'ion@x.ro' }, vehicle: { id: 'v1', nr_inmatriculare: 'CJ 01 ION', client_id: 'c1' },
      today: '2026-12-07', number: 7,
    });
    expect(ops[0]).toMatchObject({ data: { nr_comanda: 7, vehicle_id: 'v1', nr_auto: 'CJ 01 ION', client_id: 'c1', client_nume: 'Ion Popescu', client_email: 'ion@x.ro' } });
  });
});

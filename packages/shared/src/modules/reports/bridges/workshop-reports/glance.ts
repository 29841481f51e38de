import type { GlanceCompute, GlanceResult, Period } from '../../glance';
import { averageBani, inPeriod } from '../../glance';

/**
 * The workshop's figures for a period, by order date (`data_comanda`): orders opened (any status),
 * validated (VALIDAT or FACTURAT) and invoiced (FACTURAT); the revenue of validated orders, net of VAT,
 * split into labour and materials (the totals the server keeps, declined lines left out); hours sold per
 * mechanic (labour lines not declined, the line's mechanic or else the order's), revenue per service type
 * and the best customers.
 */
export const workshopRevenuePriority = 1;

const validated = `o.status IN ('VALIDAT', 'FACTURAT')`;

export function workshopGlanceSql(p: Period) {
  const when = inPeriod('o.data_comanda', p);
  return {
    totals: {
      sql: `SELECT COUNT(*) AS opened,
          COALESCE(SUM(CASE WHEN ${validated} THEN 1 ELSE 0 END), 0) AS validated,
          COALESCE(SUM(CASE WHEN o.status = 'FACTURAT' THEN 1 ELSE 0 END), 0) AS invoiced,
          COALESCE(SUM(CASE WHEN ${validated} THEN o.total_general ELSE 0 END), 0) AS revenue,
          COALESCE(SUM(CASE WHEN ${validated} THEN o.total_manopera ELSE 0 END), 0) AS labour,
          COALESCE(SUM(CASE WHEN ${validated} THEN o.total_materiale ELSE 0 END), 0) AS materials
        FROM orders o WHERE ${when.sql}`,
      params: when.params,
    },
    byDay: {
      sql: `SELECT o.data_comanda AS date, SUM(o.total_general) AS value FROM orders o
        WHERE ${when.sql} AND ${validated} GROUP BY o.data_comanda ORDER BY o.data_comanda`,
      params: when.params,
    },
    mechanics: {
      sql: `SELECT COALESCE(l.mecanic_id, o.mecanic_id, '') AS key,
          COALESCE(TRIM(m.nume || ' ' || COALESCE(m.prenume, '')), '') AS label,
          SUM(CAST(ROUND(COALESCE(l.ore, 0) * 100) AS INTEGER)) AS hours, SUM(l.total) AS labour
        FROM order_lines l JOIN orders o ON o.id = l.order_id
        LEFT JOIN mecanici m ON m.id = COALESCE(l.mecanic_id, o.mecanic_id)
        WHERE ${when.sql} AND ${validated} AND l.tip = 'manopera' AND (l.decizie_client IS NULL OR l.decizie_client <> 'respins')
        GROUP BY 1, 2 ORDER BY hours DESC, label`,
      params: when.params,
    },
    serviceTypes: {
      sql: `SELECT COALESCE(o.tip_deviz_id, '') AS key, COALESCE(t.denumire, '') AS label, SUM(o.total_general) AS value
        FROM orders o LEFT JOIN catalog_tipuri_deviz t ON t.id = o.tip_deviz_id
        WHERE ${when.sql} AND ${validated} GROUP BY 1, 2 ORDER BY value DESC, label`,
      params: when.params,
    },
    customers: {
      sql: `SELECT COALESCE(o.client_id, LOWER(TRIM(COALESCE(o.client_nume, '')))) AS key, MAX(COALESCE(o.client_nume, '')) AS label, SUM(o.total_general) AS value
        FROM orders o WHERE ${when.sql} AND ${validated} GROUP BY 1 ORDER BY value DESC, label LIMIT 10`,
      params: when.params,
    },
  };
}

type Totals = { opened: number; validated: number; invoiced: number; revenue: number; labour: number; materials: number };
type Row = { key: string; label: string; value: number };

export const workshopGlance: GlanceCompute = async (query, period) => {
  const q = workshopGlanceSql(period);
  const [totals] = await query<Totals>(q.totals.sql, q.totals.params);
  const t: Totals = totals ?? { opened: 0, validated: 0, invoiced: 0, revenue: 0, labour: 0, materials: 0 };
  const days = await query<{ date: string; value: number }>(q.byDay.sql, q.byDay.params);
  const mechanics = await query<{ key: string; label: string; hours: number; labour: number }>(q.mechanics.sql, q.mechanics.params);
  const types = await query<Row>(q.serviceTypes.sql, q.serviceTypes.params);
  const customers = await query<Row>(q.customers.sql, q.customers.params);
  const result: GlanceResult = {
    revenueBasis: 'orders',
    figures: [
      { id: 'revenue', unit: 'bani', value: t.revenue, priority: workshopRevenuePriority },
      { id: 'labour', unit: 'bani', value: t.labour },
      { id: 'materials', unit: 'bani', value: t.materials },
      { id: 'ordersOpened', unit: 'count', value: t.opened },
      { id: 'ordersValidated', unit: 'count', value: t.validated },
      { id: 'ordersInvoiced', unit: 'count', value: t.invoiced },
      { id: 'averageOrder', unit: 'bani', value: averageBani(t.revenue, t.validated) },
      { id: 'hoursSold', unit: 'hours', value: mechanics.reduce((s, m) => s + m.hours, 0) },
    ],
    breakdowns: [
      { id: 'hoursByMechanic', unit: 'hours', rows: mechanics.map((m) => ({ key: m.key, label: m.label, value: m.hours })) },
      { id: 'labourByMechanic', unit: 'bani', rows: mechanics.map((m) => ({ key: m.key, label: m.label, value: m.labour })) },
      { id: 'revenueByServiceType', unit: 'bani', rows: types },
      { id: 'topCustomers', unit: 'bani', rows: customers },
    ],
    series: [{ id: 'revenue', priority: workshopRevenuePriority, points: days }],
  };
  return result;
};

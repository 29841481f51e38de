import type { GlanceCompute, Period } from '../../glance';
import { inPeriod } from '../../glance';

/**
 * Appointments for a period, by their day: booked (every appointment not cancelled) and no-shows
 * (`no_show`, which are among the booked).
 */
export function appointmentsGlanceSql(p: Period) {
  const when = inPeriod('data', p);
  return {
    sql: `SELECT COALESCE(SUM(CASE WHEN status <> 'cancelled' THEN 1 ELSE 0 END), 0) AS booked,
        COALESCE(SUM(CASE WHEN status = 'no_show' THEN 1 ELSE 0 END), 0) AS no_show
      FROM appointments WHERE ${when.sql}`,
    params: when.params,
  };
}

export const appointmentsGlance: GlanceCompute = async (query, period) => {
  const q = appointmentsGlanceSql(period);
  const [t] = await query<{ booked: number; no_show: number }>(q.sql, q.params);
  return {
    figures: [
      { id: 'appointmentsBooked', unit: 'count', value: t?.booked ?? 0 },
      { id: 'appointmentsNoShow', unit: 'count', value: t?.no_show ?? 0 },
    ],
    breakdowns: [],
    series: [],
  };
};

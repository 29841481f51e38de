import type { GlanceCompute, Period } from '../../glance';
import { timestampInPeriod } from '../../glance';

/**
 * SMS figures for a period: the messages sent (handed to the provider: `sent` or `delivered`) with their
 * send time in the period, and their cost as the provider billed it (bani; a message without a cost yet
 * counts zero).
 */
export function smsGlanceSql(p: Period) {
  const when = timestampInPeriod('trimis_la', p);
  return {
    sql: `SELECT COUNT(*) AS sent, COALESCE(SUM(COALESCE(cost, 0)), 0) AS cost FROM sms_messages
      WHERE status IN ('sent', 'delivered') AND trimis_la IS NOT NULL AND ${when.sql}`,
    params: when.params,
  };
}

export const smsGlance: GlanceCompute = async (query, period) => {
  const q = smsGlanceSql(period);
  const [t] = await query<{ sent: number; cost: number }>(q.sql, q.params);
  return {
    figures: [
      { id: 'smsSent', unit: 'count', value: t?.sent ?? 0 },
      { id: 'smsCost', unit: 'bani', value: t?.cost ?? 0 },
    ],
    breakdowns: [],
    series: [],
  };
};

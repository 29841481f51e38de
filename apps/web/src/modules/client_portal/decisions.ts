import { decidedLines, estimateChanges, type DecidedLine, type EstimateChanges, type EstimateLine } from '@roaauto/shared';

/** A decision row as this device has it (it arrives by sync: the server writes it). */
export type PortalDecisionRow = {
  id: string;
  order_id: string;
  versiune: string;
  nume_client: string;
  decis_la: string;
  aprobate: number;
  respinse: number;
  linii: string;
};

export type DecisionSummary = {
  id: string;
  name: string;
  at: string;
  approved: DecidedLine[];
  declined: DecidedLine[];
  /** What changed on the order after this decision (only for the latest one); null when nothing did. */
  changes: EstimateChanges<EstimateLine> | null;
};

/** The order's decisions, newest first, the latest compared with the order's lines now. */
export function summarizeDecisions(rows: readonly PortalDecisionRow[], lines: readonly EstimateLine[]): DecisionSummary[] {
  const sorted = [...rows].sort((a, b) => (a.decis_la < b.decis_la ? 1 : a.decis_la > b.decis_la ? -1 : 0));
  return sorted.map((row, i) => {
    const decided = decidedLines(row.linii);
    const diff = i === 0 ? estimateChanges(decided, lines) : null;
    const changed = diff && (diff.added.length || diff.removed.length || diff.changed.length) ? diff : null;
    return {
      id: row.id, name: row.nume_client, at: row.decis_la,
      approved: decided.filter((l) => l.decizie === 'aprobat'), declined: decided.filter((l) => l.decizie === 'respins'), changes: changed,
    };
  });
}

/** A customer's decisions across their vehicles' orders (the customer page's section), newest first. */
export const customerDecisionsSql = `SELECT d.id, d.order_id, d.nume_client, d.decis_la, d.aprobate, d.respinse, o.nr_comanda, o.nr_auto
  FROM portal_decisions d JOIN orders o ON o.id = d.order_id JOIN vehicles v ON v.id = o.vehicle_id
  WHERE v.client_id = ? ORDER BY d.decis_la DESC, d.id LIMIT 50`;

export type CustomerDecisionRow = Pick<PortalDecisionRow, 'id' | 'order_id' | 'nume_client' | 'decis_la' | 'aprobate' | 'respinse'> & {
  nr_comanda: number | null;
  nr_auto: string | null;
};

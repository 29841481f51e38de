import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import type { LineDecision, LineKind } from '../workshop/order-rules';
import { clientPortalRefusals } from './refusals';

const { refuse } = clientPortalRefusals;

/** A SHA-256 digest as 64 lower-case hex digits. */
export const sha256Hex = /^[0-9a-f]{64}$/;

/** How long a new link works, in days. */
export const linkLifetimeDays = 30;

/**
 * A public link to an order's page for the customer (client portal). The device makes a random token,
 * keeps it to show the link again, and stores only its SHA-256 hash here: whoever reads the table
 * (or a backup of it) cannot open the page. A link never changes; it is revoked (or expires).
 */
export const portalLinksTable = defineTable({
  name: 'portal_links',
  module: 'client_portal',
  columns: {
    order_id: col.id({ references: 'orders' }),
    token_hash: col.text(64),
    expira_la: col.timestamp(),
    revocat_la: col.timestamp({ nullable: true }),
    created_by: col.id({ nullable: true, references: 'users' }),
  },
  indexes: [['order_id']],
  writePermission: 'portal.links',
  read: { all: 'orders.read', withParent: true },
  conflict: 'field',
  parent: { table: 'orders', column: 'order_id' },
  check: ({ row, previous, parent, deleting }) => {
    if (deleting) return refuse('portal.link_delete');
    if (!previous) {
      if (!parent || parent.deleted_at) return refuse('portal.order_missing');
      if (!sha256Hex.test(row.token_hash)) return refuse('portal.token_hash');
      return null;
    }
    const same = row.order_id === previous.order_id && row.token_hash === previous.token_hash && row.expira_la === previous.expira_la
      && row.created_by === previous.created_by;
    // The one change a link takes: being revoked, once.
    if (!same || previous.revocat_la !== null) return refuse('portal.link_immutable');
    return null;
  },
});

/** One line of the estimate as the customer decided on it (kept in the decision, to show later what changed). */
export type DecidedLine = {
  id: string;
  tip: LineKind;
  descriere: string;
  /** Hours for labour, quantity for materials. */
  cantitate: string;
  pret_unitar: number;
  total: number;
  /** What the line was when decided, to compare with today's lines (see `estimateChanges`). */
  continut: string;
  decizie: LineDecision;
};

/**
 * The customer's decision on one version of an order's estimate, written by the server when they
 * confirm on the portal page: who (the name they typed), when, from which IP, and each line's answer.
 * One per order and version (a unique index): a second submit of the same answer is the same decision.
 */
export const portalDecisionsTable = defineTable({
  name: 'portal_decisions',
  module: 'client_portal',
  columns: {
    order_id: col.id({ references: 'orders' }),
    link_id: col.id({ references: 'portal_links' }),
    /** The estimate's version: the SHA-256 of its lines' content, in hex. */
    versiune: col.text(64),
    nume_client: col.text(200),
    ip: col.text(64, { nullable: true }),
    decis_la: col.timestamp(),
    aprobate: col.integer({ min: 0 }),
    respinse: col.integer({ min: 0 }),
    /** The lines as decided: JSON of `DecidedLine[]`. */
    linii: col.text(200_000),
  },
  indexes: [['order_id', 'decis_la']],
  writePermission: 'portal.links',
  read: { all: 'orders.read', withParent: true },
  conflict: 'field',
  parent: { table: 'orders', column: 'order_id' },
  check: () => refuse('portal.decision_by_server'),
});

import type { Migration } from 'kysely';
import * as m0001 from './0001_core_app-meta';
import * as m0002 from './0002_core_platform';
import * as m0003 from './0003_core_sync';
import * as m0004 from './0004_workshop_vehicles';
import * as m0005 from './0005_workshop_orders-catalog';
import * as m0006 from './0006_accounting_invoices';
import * as m0007 from './0007_core_sessions';

/**
 * Every migration, in order. File names: a four-digit sequence, the owning module's id, a slug.
 * Forward-only: a landed migration is never edited; a change is a new file.
 */
export const migrations: Record<string, Migration> = {
  '0001_core_app-meta': m0001,
  '0002_core_platform': m0002,
  '0003_core_sync': m0003,
  '0004_workshop_vehicles': m0004,
  '0005_workshop_orders-catalog': m0005,
  '0006_accounting_invoices': m0006,
  '0007_core_sessions': m0007,
};

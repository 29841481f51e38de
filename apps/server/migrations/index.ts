import type { Migration } from 'kysely';
import * as m0001 from './0001_core_app-meta';
import * as m0002 from './0002_core_platform';
import * as m0003 from './0003_core_sync';
import * as m0007 from './0007_core_sessions';
import * as m0009 from './0009_core_read-scopes';
import * as m0013 from './0013_core_billing-standing';
import * as m0012 from './0012_core_account';
import * as m0014 from './0014_core_operator';
import * as m0015 from './0015_core_customers';
import * as m0024 from './0024_core_mail-attachments';
import * as m0049 from './0049_core_jobs';
import * as m0051 from './0051_core_rate-limits';

/**
 * The platform's migrations (accounts, tenancy, sync). Each module keeps its own in its folder
 * (src/modules/<id>/migrations/) and lists them in its server definition; src/core/migrate.ts runs
 * them all in one order, by name. File names: a four-digit sequence unique across the platform and
 * every module, the owning module's id (`core` for the platform), a slug. Forward-only: a landed
 * migration is never edited, renamed or moved to another owner; a change is a new file.
 */
export const migrations: Record<string, Migration> = {
  '0001_core_app-meta': m0001,
  '0002_core_platform': m0002,
  '0003_core_sync': m0003,
  '0007_core_sessions': m0007,
  '0009_core_read-scopes': m0009,
  '0013_core_billing-standing': m0013,
  '0012_core_account': m0012,
  '0014_core_operator': m0014,
  '0015_core_customers': m0015,
  '0024_core_mail-attachments': m0024,
  '0049_core_jobs': m0049,
  '0051_core_rate-limits': m0051,
};

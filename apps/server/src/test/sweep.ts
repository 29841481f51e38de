import type { Database } from '../core/db';
import { createLocalPokeBus } from '../sync/poke-bus';
import { SyncService } from '../sync/sync.service';

/**
 * The sync service a timer's sweep (reminders) uses as a server process runs it: its own, on the
 * database it is given (another process's connection, say); an error in a table's rule fails the test.
 */
export function sweepSyncService(database: Database): SyncService {
  return new SyncService(database, createLocalPokeBus(), (err) => {
    throw err;
  });
}

/** The SMS settings of tests that read what was sent from the outbox (no provider is called). */
export const outboxSms = () => ({ provider: 'outbox' as const, smsapiUrl: 'http://127.0.0.1:9', segmentPriceBani: 7, sweepMs: 0, leaseMs: 60_000 });

import { DomainError, invoiceSeriesTable, newId, seriesNameRe, type InvoiceSeries, type SeriesDocument } from '@roaauto/shared';
import type { UserAuth } from '../../core/auth/guards';
import { audit } from '../../core/audit';
import type { SyncService } from '../../sync/sync.service';
import { publicRow, type Row } from '../../sync/sync.store';

const table = invoiceSeriesTable.name;

/** A series as devices see it (the synced columns, no bookkeeping). */
const publicSeries = (row: Row) => publicRow(invoiceSeriesTable, row) as InvoiceSeries;

/**
 * A new invoice (or receipt) series held by the calling device: made by the server, so two devices can never
 * create the same series name (the name is unique per company) and numbering starts on one device.
 */
export async function createSeries(
  sync: SyncService,
  auth: UserAuth,
  input: { clientId: string; serie: string; numarStart: number; descriere: string | null; tipDocument?: SeriesDocument },
): Promise<InvoiceSeries> {
  const serie = input.serie.trim().toUpperCase();
  if (!seriesNameRe.test(serie)) throw new DomainError('validation_failed', 'A series is 1 to 20 capital letters, digits or dashes, starting with a letter');
  await sync.claimClient(auth, input.clientId);
  return sync.serverWrite(auth.tenantId, async ({ tx, now }) => {
    const taken = await tx.db.selectFrom('invoice_series').select('id').where('serie', '=', serie).executeTakeFirst();
    if (taken) throw new DomainError('conflict', `The series ${serie} already exists; choose another name`);
    const row: Omit<InvoiceSeries, 'created_at' | 'updated_at'> = {
      id: newId(), serie, numar_start: input.numarStart, ultimul_numar: input.numarStart - 1, client_id: input.clientId,
      descriere: input.descriere, activa: 1, tip_document: input.tipDocument === 'chitanta' ? 'chitanta' : null,
    };
    await audit(tx.db, { tenantId: auth.tenantId, actorKind: 'user', actorId: auth.userId, action: 'invoice_series.create', target: row.id, details: { serie, clientId: input.clientId } });
    return { rows: [{ table, row, isNew: true }], result: { ...row, created_at: now, updated_at: now } };
  });
}

/**
 * Moves a series to the calling device (the one that held it is lost or replaced). Whatever the old
 * device issued offline and never synced is refused from then on: the owner confirms that first.
 */
export async function claimSeries(sync: SyncService, auth: UserAuth, input: { id: string; clientId: string }): Promise<InvoiceSeries> {
  await sync.claimClient(auth, input.clientId);
  return sync.serverWrite(auth.tenantId, async ({ tx, load, now }) => {
    const [current] = await load(table, [input.id]);
    if (!current || current.deleted_at) throw new DomainError('not_found', 'This invoice series does not exist');
    const row = { ...current, client_id: input.clientId, updated_at: now };
    await audit(tx.db, {
      tenantId: auth.tenantId, actorKind: 'user', actorId: auth.userId, action: 'invoice_series.claim', target: input.id,
      details: { serie: current.serie, from: current.client_id, to: input.clientId, lastNumber: current.ultimul_numar },
    });
    return { rows: current.client_id === input.clientId ? [] : [{ table, row, isNew: false }], result: publicSeries(row) };
  });
}

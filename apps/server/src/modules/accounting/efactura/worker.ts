import { randomUUID } from 'node:crypto';
import { unzipSync } from 'fflate';
import { DomainError, invoiceDocument, normalizeCui } from '@roaauto/shared';
import { efacturaXml } from '@roaauto/shared/efactura';
import type { EfacturaConfig } from '../../../config';
import type { Database } from '../../../core/db';
import type { EfacturaSubmissionsTable } from '../../../core/db-schema';
import type { BlobStorage } from '../../../core/storage';
import { withTenant, type TenantTx } from '../../../core/tenancy/tenant-scope';
import { AnafHttpError, anafErrors, type EfacturaApi } from './anaf-api';
import { NotConnected, type EfacturaConnections } from './connection';

export type Submission = EfacturaSubmissionsTable;
type Log = { error: (obj: object, msg: string) => void; info?: (obj: object, msg: string) => void };

const maxPollMs = 3_600_000;
const working: Submission['state'][] = ['queued', 'uploading', 'uploaded'];

/** A 401 on upload whose token could not be refreshed: the file did not reach ANAF. */
class NotTaken extends Error {
  constructor(readonly reason: unknown) {
    super('The upload was refused and the token could not be refreshed');
  }
}

/** The files of an ANAF ZIP, by name. */
export function zipFiles(zip: Uint8Array): Record<string, string> {
  const files = unzipSync(zip);
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, Buffer.from(bytes).toString('utf8')]));
}

/** The errors ANAF wrote in a `nok` ZIP (its validation answer's `Error` elements). */
export function zipErrors(zip: Uint8Array): string[] {
  return Object.values(zipFiles(zip)).flatMap(anafErrors);
}

/** The invoice inside an `ok` ZIP (not ANAF's signature file): its number and issue date. */
export function zipInvoiceId(zip: Uint8Array): { id: string; date: string } | null {
  for (const [name, xml] of Object.entries(zipFiles(zip))) {
    if (/semnatura/i.test(name)) continue;
    const id = /<cbc:ID>([^<]*)<\/cbc:ID>/.exec(xml)?.[1];
    const date = /<cbc:IssueDate>([^<]*)<\/cbc:IssueDate>/.exec(xml)?.[1];
    if (id && date) return { id: id.trim(), date: date.trim() };
  }
  return null;
}

/**
 * Queues an issued invoice or credit note for its upload: once per invoice (the invoice id is the key),
 * whoever asks how often. A submission that ended in `error` (ANAF did not take it, or the company was not
 * connected) is queued again; one that is on its way or done is left as it is.
 */
export async function queueSubmission(tx: TenantTx, invoiceId: string, now = new Date()): Promise<Submission> {
  const invoice = await tx.db.selectFrom('invoices').select(['document', 'deleted_at']).where('id', '=', invoiceId).executeTakeFirst();
  if (!invoice || invoice.deleted_at) throw new DomainError('not_found', 'This invoice does not exist');
  const doc = invoiceDocument(invoice);
  const at = now.toISOString();
  await tx.db.insertInto('efactura_submissions').values({
    invoice_id: invoiceId, tenant_id: tx.tenantId, standard: doc.tip === 'storno' ? 'CN' : 'UBL', cif: normalizeCui(doc.furnizor.codFiscal ?? ''),
    serie: doc.serie, numar: doc.numar, data_factura: doc.data, state: 'queued', upload_index: null, download_id: null, attempts: 0,
    next_attempt_at: at, lease_owner: null, lease_until: null, upload_started_at: null, errors: null, zip_key: null, created_at: at, updated_at: at,
  }).onConflict((oc) => oc.column('invoice_id').doNothing()).execute();
  await tx.db.updateTable('efactura_submissions').set({ state: 'queued', attempts: 0, errors: null, next_attempt_at: at, updated_at: at })
    .where('invoice_id', '=', invoiceId).where('state', '=', 'error').execute();
  return tx.db.selectFrom('efactura_submissions').selectAll().where('invoice_id', '=', invoiceId).executeTakeFirstOrThrow();
}

/**
 * Drives every submission to `ok` or `nok`, an invoice uploaded once (docs/efactura-spv.md):
 * - a process works on a row only while it holds its lease, taken by a conditional update only one
 *   process wins (`claim`); every write after it is conditioned on still holding it;
 * - before the upload call the row is marked `uploading` (committed); the upload index is recorded the
 *   moment ANAF gives it. A row found `uploading` later (a crash, or an upload that got no answer) is not
 *   sent again blindly: once ANAF had time to process it, its message list is searched for an upload of
 *   this invoice (the ZIP of each message not yet known holds the invoice's number and date), and only
 *   when there is none is the invoice sent again;
 * - the state is polled with a doubling wait until ok or nok; the ZIP is kept in the company's files.
 */
/** The scheduled job that wakes the worker (efactura.routes.ts). */
export const efacturaWorkerJob = 'accounting.efactura-worker';

export class EfacturaWorker {
  private started = false;
  private current: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly database: Database,
    private readonly storage: BlobStorage,
    private readonly api: EfacturaApi,
    private readonly connections: EfacturaConnections,
    private readonly config: EfacturaConfig,
    private readonly log: Log,
    /** This worker's name in the leases it takes. */
    readonly owner: string = randomUUID(),
  ) {}

  private get leaseMs(): number {
    return this.config.leaseMs ?? 300_000;
  }

  private get pollMs(): number {
    return this.config.pollMs ?? 60_000;
  }

  private get settleMs(): number {
    return this.config.settleMs ?? 30 * 60_000;
  }

  /**
   * Starts taking wake-ups, and looks for work once. The periodic wake-up is not a timer of this process:
   * it is the `accounting.efactura-worker` schedule on the job system (efactura.routes.ts), one run per
   * slot across processes; sending an invoice wakes this process's worker at once besides.
   */
  start(): void {
    this.stopped = false;
    this.started = true;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.current;
  }

  /** Looks for work now; a worker without a period (tests) only works when its step is called. */
  kick(): void {
    if (this.stopped || (this.config.workerMs ?? 0) <= 0) return;
    if (this.current) {
      this.again = true;
      return;
    }
    this.current = this.step().then(() => undefined, (err: unknown) => this.log.error({ err }, 'efactura: the worker\'s step failed'))
      .finally(() => this.settled());
  }

  /**
   * One step, after the one in progress in this process (the scheduled job's run): it answers the rows
   * worked, and a step that fails throws, so the job is retried and, at the end, dead in the console.
   */
  async pass(): Promise<number> {
    while (this.current) await this.current;
    if (this.stopped) return 0;
    const step = this.step();
    this.current = step.then(() => undefined, () => undefined).finally(() => this.settled());
    return step;
  }

  private settled(): void {
    this.current = null;
    if (this.again) {
      this.again = false;
      this.kick();
    }
  }

  /** One pass: queue what automatic sending asks for, then work every due submission. Returns rows worked. */
  async step(now = new Date()): Promise<number> {
    await this.queueAutomatic(now);
    const due = await this.database.db.selectFrom('efactura_submissions').select(['invoice_id', 'tenant_id'])
      .where('state', 'in', working).where('next_attempt_at', '<=', now.toISOString())
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now.toISOString())]))
      .orderBy('next_attempt_at').limit(50).execute();
    let worked = 0;
    for (const row of due) {
      if (this.stopped && this.started) break;
      if (await this.work(row.tenant_id, row.invoice_id, now)) worked += 1;
    }
    return worked;
  }

  /** Invoices issued since a company turned automatic sending on, not yet queued (also offline ones, as they arrive). */
  async queueAutomatic(now = new Date()): Promise<number> {
    const companies = await this.database.db.selectFrom('efactura_connections').select(['tenant_id', 'auto_send_since'])
      .where('auto_send', '=', 1).execute();
    let queued = 0;
    for (const c of companies) {
      queued += await withTenant(this.database, c.tenant_id, async (tx) => {
        const ids = await tx.db.selectFrom('invoices').select('id')
          .where('deleted_at', 'is', null).where('created_at', '>=', c.auto_send_since ?? '')
          .where((eb) => eb.not(eb.exists(eb.selectFrom('efactura_submissions').select('invoice_id').whereRef('efactura_submissions.invoice_id', '=', 'invoices.id'))))
          .limit(200).execute();
        for (const { id } of ids) await queueSubmission(tx, id, now);
        return ids.length;
      });
    }
    return queued;
  }

  /** Takes the row's lease: true for the one process whose conditional update changed it. */
  private async claim(tenantId: string, invoiceId: string, now: Date): Promise<Submission | null> {
    return withTenant(this.database, tenantId, async (tx) => {
      const at = now.toISOString();
      const result = await tx.db.updateTable('efactura_submissions')
        .set((eb) => ({ lease_owner: this.owner, lease_until: new Date(now.getTime() + this.leaseMs).toISOString(), attempts: eb('attempts', '+', 1), updated_at: at }))
        .where('invoice_id', '=', invoiceId).where('state', 'in', working).where('next_attempt_at', '<=', at)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return null;
      return tx.db.selectFrom('efactura_submissions').selectAll().where('invoice_id', '=', invoiceId).executeTakeFirstOrThrow();
    });
  }

  /** Writes `patch` only while this worker still holds the lease; false when it lost it. */
  private async update(tenantId: string, invoiceId: string, patch: Partial<Submission>): Promise<boolean> {
    return withTenant(this.database, tenantId, async (tx) => {
      const result = await tx.db.updateTable('efactura_submissions').set({ ...patch, updated_at: new Date().toISOString() })
        .where('invoice_id', '=', invoiceId).where('lease_owner', '=', this.owner).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
  }

  private release(tenantId: string, invoiceId: string, patch: Partial<Submission>): Promise<boolean> {
    return this.update(tenantId, invoiceId, { ...patch, lease_owner: null, lease_until: null });
  }

  private backoff(attempts: number, now: Date): string {
    return new Date(now.getTime() + Math.min(maxPollMs, this.pollMs * 2 ** Math.max(0, attempts - 1))).toISOString();
  }

  /** Works one submission if this worker wins its lease. */
  async work(tenantId: string, invoiceId: string, now = new Date()): Promise<boolean> {
    const row = await this.claim(tenantId, invoiceId, now);
    if (!row) return false;
    try {
      if (row.state === 'queued') await this.upload(row, now);
      else if (row.state === 'uploading') await this.recover(row, now);
      else await this.poll(row, now);
    } catch (err) {
      if (err instanceof NotConnected) {
        await this.release(tenantId, invoiceId, { state: row.state === 'queued' ? 'error' : row.state, errors: JSON.stringify(['not_connected']), next_attempt_at: this.backoff(row.attempts, now) });
      } else if (err instanceof AnafHttpError && err.transient) {
        this.log.error({ invoiceId, status: err.status, message: err.message }, 'efactura: ANAF is unavailable; the submission will be tried again');
        await this.release(tenantId, invoiceId, { next_attempt_at: this.backoff(row.attempts, now) });
      } else {
        this.log.error({ err, invoiceId }, 'efactura: the submission failed');
        await this.release(tenantId, invoiceId, {
          // A row that may have been uploaded keeps its state; only a queued one can fail outright.
          state: row.state === 'queued' ? 'error' : row.state, errors: JSON.stringify([err instanceof Error ? err.message : String(err)]).slice(0, 4000),
          next_attempt_at: this.backoff(row.attempts, now),
        });
      }
    }
    return true;
  }

  /** Marks the row `uploading` (committed), uploads, and records the index in the step that learns it. */
  private async upload(row: Submission, now: Date): Promise<void> {
    const doc = await withTenant(this.database, row.tenant_id, async (tx) => {
      const invoice = await tx.db.selectFrom('invoices').select('document').where('id', '=', row.invoice_id).executeTakeFirstOrThrow();
      return invoiceDocument(invoice);
    });
    const xml = efacturaXml(doc);
    // The token first: a refresh that fails leaves the row queued, as nothing left yet.
    const token = await this.connections.accessToken(row.tenant_id);
    if (!(await this.update(row.tenant_id, row.invoice_id, { state: 'uploading', upload_started_at: now.toISOString() }))) return;
    const send = (t: string) => this.api.upload(t, xml, row.standard, row.cif);
    let answer;
    try {
      answer = await send(token).catch(async (err: unknown) => {
        // 401: ANAF did not take it; one refresh and one more try.
        if (!(err instanceof AnafHttpError) || !err.unauthorized) throw err;
        let fresh: string;
        try {
          fresh = await this.connections.accessToken(row.tenant_id, true);
        } catch (refreshErr) {
          throw new NotTaken(refreshErr);
        }
        return send(fresh);
      });
    } catch (err) {
      if (err instanceof AnafHttpError && err.transient && err.status !== 429) {
        // No answer, or ANAF's own failure: it may have taken the file. The row stays `uploading` and is
        // looked for in ANAF's messages once ANAF had time to process it (recover).
        this.log.error({ invoiceId: row.invoice_id, status: err.status, message: err.message }, 'efactura: the upload got no answer; it will be looked for before sending again');
        await this.release(row.tenant_id, row.invoice_id, { next_attempt_at: new Date(now.getTime() + this.settleMs).toISOString() });
        return;
      }
      if (err instanceof NotTaken || (err instanceof AnafHttpError && err.status === 429)) {
        await this.release(row.tenant_id, row.invoice_id, { state: 'queued', next_attempt_at: this.backoff(row.attempts, now) });
        return;
      }
      if (err instanceof AnafHttpError) {
        // Refused by ANAF before it took the file (a 4xx): nothing was sent; the button queues it again.
        await this.release(row.tenant_id, row.invoice_id, { state: 'error', errors: JSON.stringify([err.message.slice(0, 1000)]) });
        return;
      }
      // Anything else: whether the file left is unknown, so it is looked for before it goes again.
      this.log.error({ err, invoiceId: row.invoice_id }, 'efactura: the upload failed; it will be looked for before sending again');
      await this.release(row.tenant_id, row.invoice_id, { next_attempt_at: new Date(now.getTime() + this.settleMs).toISOString() });
      return;
    }
    if (answer.ok) {
      await this.release(row.tenant_id, row.invoice_id, { state: 'uploaded', upload_index: answer.index, attempts: 0, errors: null, next_attempt_at: new Date(now.getTime() + this.pollMs).toISOString() });
    } else {
      await this.release(row.tenant_id, row.invoice_id, { state: 'error', errors: JSON.stringify(answer.errors) });
    }
  }

  /**
   * A row left `uploading`: once ANAF had `settleMs` to process what it may have received, its messages
   * since the upload began are searched for this invoice; found, its index is recorded and it goes on as
   * uploaded; not found, it is sent again.
   */
  private async recover(row: Submission, now: Date): Promise<void> {
    const started = Date.parse(row.upload_started_at ?? row.updated_at);
    if (now.getTime() - started < this.settleMs) {
      await this.release(row.tenant_id, row.invoice_id, { next_attempt_at: new Date(started + this.settleMs).toISOString() });
      return;
    }
    const days = Math.min(60, Math.ceil((now.getTime() - started) / 86_400_000) + 1);
    const messages = await this.connections.withToken(row.tenant_id, (token) => this.api.messages(token, row.cif, days));
    const known = new Set((await withTenant(this.database, row.tenant_id, (tx) => tx.db.selectFrom('efactura_submissions').select('upload_index')
      .where('upload_index', 'is not', null).execute())).map((r) => r.upload_index));
    const wanted = `${row.serie.trim()}${row.numar}`;
    for (const m of messages) {
      if (m.type !== 'FACTURA TRIMISA' || known.has(m.uploadIndex)) continue;
      const zip = await this.connections.withToken(row.tenant_id, (token) => this.api.download(token, m.id));
      const found = zipInvoiceId(zip);
      if (found?.id === wanted && found.date === row.data_factura) {
        this.log.info?.({ invoiceId: row.invoice_id, uploadIndex: m.uploadIndex }, 'efactura: an upload with no recorded answer was found in ANAF\'s messages');
        await this.finish(row, 'ok', m.id, zip, now, m.uploadIndex);
        return;
      }
    }
    // Not among ANAF's messages (or rejected, which leaves nothing sent): the invoice goes again.
    await this.upload(row, now);
  }

  private async poll(row: Submission, now: Date): Promise<void> {
    const index = row.upload_index;
    if (!index) throw new Error('an uploaded submission without its index');
    const state = await this.connections.withToken(row.tenant_id, (token) => this.api.state(token, index));
    if (state.state === 'processing') {
      await this.release(row.tenant_id, row.invoice_id, { next_attempt_at: this.backoff(row.attempts, now) });
      return;
    }
    if (state.state === 'refused') {
      await this.release(row.tenant_id, row.invoice_id, { state: 'error', errors: JSON.stringify(state.errors) });
      return;
    }
    const zip = await this.connections.withToken(row.tenant_id, (token) => this.api.download(token, state.downloadId));
    await this.finish(row, state.state, state.downloadId, zip, now, index);
  }

  /** Keeps ANAF's ZIP (ten years: the company's files) and the outcome; nok keeps ANAF's errors. */
  private async finish(row: Submission, outcome: 'ok' | 'nok', downloadId: string, zip: Uint8Array, now: Date, uploadIndex: string): Promise<void> {
    const key = `efactura/${row.invoice_id}.zip`;
    await this.storage.put(row.tenant_id, key, zip, { contentType: 'application/zip' });
    const errors = outcome === 'nok' ? zipErrors(zip) : [];
    await this.release(row.tenant_id, row.invoice_id, {
      state: outcome, download_id: downloadId, upload_index: uploadIndex, zip_key: key, errors: errors.length ? JSON.stringify(errors) : null,
      next_attempt_at: now.toISOString(),
    });
  }
}

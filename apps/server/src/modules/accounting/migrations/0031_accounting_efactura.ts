import type { Kysely } from 'kysely';
import { enableTenantRls } from '../../../../migrations/lib';

/**
 * e-Factura through ANAF's SPV (server-only tables, docs/efactura-spv.md):
 * - `efactura_connections`: a company's authorization of the platform's ANAF application, its tokens
 *   sealed with ANAF_TOKEN_KEY (AES-256-GCM; the database never holds a token in clear), and whether
 *   issued invoices are sent automatically;
 * - `efactura_submissions`: each invoice's one upload to ANAF and what became of it. The invoice id is
 *   the key, so an invoice is queued once whoever asks; a process works on a row only while it holds its
 *   lease, and marks it `uploading` before the upload call, so a crash in between is found on restart.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('efactura_connections')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('access_token', 'text', (c) => c.notNull())
    .addColumn('refresh_token', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('auto_send', 'integer', (c) => c.notNull())
    /** Invoices issued from this moment on are sent automatically (earlier ones by the button). */
    .addColumn('auto_send_since', 'text')
    .addColumn('connected_by', 'text', (c) => c.notNull())
    .addColumn('connected_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('efactura_submissions')
    .addColumn('invoice_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    /** UBL for an invoice, CN for a credit note (the upload's `standard`). */
    .addColumn('standard', 'text', (c) => c.notNull())
    /** The seller's CIF, digits only (the upload's `cif`). */
    .addColumn('cif', 'text', (c) => c.notNull())
    /** The invoice's series, number and date (the late list, matching an upload in ANAF's messages). */
    .addColumn('serie', 'text', (c) => c.notNull())
    .addColumn('numar', 'integer', (c) => c.notNull())
    .addColumn('data_factura', 'text', (c) => c.notNull())
    /** queued, uploading, uploaded, ok, nok, error. */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('upload_index', 'text')
    .addColumn('download_id', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    /** When the upload call began (a row left `uploading` is looked for in ANAF's messages after it). */
    .addColumn('upload_started_at', 'text')
    /** ANAF's errors (JSON array of texts) for nok, or the last problem for error. */
    .addColumn('errors', 'text')
    /** The storage key of ANAF's ZIP (the signed invoice, or the errors). */
    .addColumn('zip_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('efactura_submissions_due_idx').on('efactura_submissions').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('efactura_submissions_tenant_idx').on('efactura_submissions').columns(['tenant_id', 'state']).execute();
  await db.schema.createIndex('efactura_submissions_upload_idx').on('efactura_submissions').columns(['upload_index']).unique().execute();
  await enableTenantRls(db, ['efactura_connections', 'efactura_submissions']);
}

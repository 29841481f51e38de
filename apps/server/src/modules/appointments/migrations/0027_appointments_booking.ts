import type { Kysely } from 'kysely';
import { enableTenantRls } from '../../../../migrations/lib';

/**
 * The customers' booking page (server-only tables, docs/appointments-booking.md):
 * - booking_pages: each company's public address `/b/<slug>` (one per company, each slug once);
 * - booking_pending: a booking waiting for the SMS code sent to the customer (the code's hash, its expiry, attempts);
 * - booking_links: the customer's private link to cancel or move a booking (only the token's SHA-256).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('booking_pages')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('booking_pending')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    /** The booking asked for (JSON: service, start, name, phone, plate, e-mail). */
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    /** When the code was used (the booking made): the pending booking is spent. */
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('booking_pending_tenant_idx').on('booking_pending').columns(['tenant_id', 'created_at']).execute();

  await db.schema
    .createTable('booking_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('appointment_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('booking_links_tenant_appointment_idx').on('booking_links').columns(['tenant_id', 'appointment_id']).execute();
  await enableTenantRls(db, ['booking_pages', 'booking_pending', 'booking_links']);
}

import { newId, passwordProblem } from '@roaauto/shared';
import type { Database } from '../db';
import { hashPassword, verifyPassword } from './passwords';

/**
 * Creates or updates the platform operator from ROAAUTO_SUPERADMIN_EMAIL / _PASSWORD at start.
 * A changed password replaces the old one and ends the operator's existing sessions.
 */
export async function ensureSuperAdmin(database: Database, email: string, password: string): Promise<'created' | 'updated' | 'unchanged'> {
  const normalized = email.trim().toLowerCase();
  const problem = passwordProblem(password, normalized);
  if (problem) throw new Error(`ROAAUTO_SUPERADMIN_PASSWORD: ${problem}`);
  const db = database.db;
  const taken = await db.selectFrom('users').select('id').where('email', '=', normalized).executeTakeFirst();
  if (taken) throw new Error('ROAAUTO_SUPERADMIN_EMAIL belongs to a company user; use another address');
  const now = new Date().toISOString();
  const existing = await db.selectFrom('platform_admins').selectAll().where('email', '=', normalized).executeTakeFirst();
  if (!existing) {
    await db.insertInto('platform_admins').values({
      id: newId(), email: normalized, password_hash: await hashPassword(password), token_version: 1, created_at: now, updated_at: now,
    }).onConflict((oc) => oc.column('email').doNothing()).execute();
    return 'created';
  }
  if (await verifyPassword(existing.password_hash, password)) return 'unchanged';
  await db.updateTable('platform_admins')
    .set({ password_hash: await hashPassword(password), token_version: existing.token_version + 1, updated_at: now })
    .where('id', '=', existing.id).execute();
  return 'updated';
}

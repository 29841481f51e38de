import ipaddr from 'ipaddr.js';
import { DomainError } from '@roaauto/shared';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db-schema';

/** Guesses a client may get wrong for an account before it has to wait. */
export const freeFailures = 3;
/** The longest wait between two guesses of one client: slow, never locked for good. */
export const maxDelaySeconds = 15 * 60;
/** A client (or an account) that has been quiet this long starts afresh. */
export const quietPeriodMs = 60 * 60_000;
/**
 * Failures of an account from everywhere, within the quiet period, past which it counts as under
 * attack: no client gets free guesses any more, every one waits from its first failure. A client
 * that has not failed yet still gets its first try, so the owner is never locked out.
 */
export const accountUnderAttack = 100;

const everywhere = '*';

/** Seconds a client waits after its n-th failure (n counted since it last signed in or was quiet). */
export function delayAfter(failures: number, free: number): number {
  if (failures <= free) return 0;
  return Math.min(maxDelaySeconds, 2 ** (failures - free - 1));
}

/**
 * The client a guess is counted against: its address as resolved with the trusted proxies. An IPv6
 * client is its /64, which one subscriber usually holds whole, so stepping through addresses in it
 * does not buy fresh guesses.
 */
export function clientOf(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  // An IPv4 address written as IPv6 (::ffff:a.b.c.d) is the IPv4 client.
  const address = ipaddr.process(ip);
  if (!(address instanceof ipaddr.IPv6)) return address.toString();
  const [a = 0, b = 0, c = 0, d = 0] = address.parts;
  return `${new ipaddr.IPv6([a, b, c, d, 0, 0, 0, 0]).toString()}/64`;
}

/**
 * Backoff of sign-in guesses per (account, client), kept in the database so every server process
 * shares it. A guess is counted before the password is checked, under the row's lock, so guesses sent
 * in parallel cannot all slip through one free slot; a sign-in that succeeds clears its client's count.
 */
export class SignInThrottle {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Counts a guess of `client` for `account`, or refuses it with `rate_limited` while the client must wait. */
  async admit(account: string, client: string, now: Date): Promise<void> {
    const nowIso = now.toISOString();
    const quietSince = new Date(now.getTime() - quietPeriodMs).toISOString();
    const wait = await this.db.transaction().execute(async (trx) => {
      // A write first: on SQLite it takes the database's write lock before anything is read, on
      // PostgreSQL it locks the row; either way two guesses of one client are counted one after the other.
      const row = await trx.insertInto('sign_in_throttle')
        .values({ account, client, failures: 0, last_attempt_at: nowIso, next_attempt_at: nowIso })
        .onConflict((oc) => oc.columns(['account', 'client']).doUpdateSet((eb) => ({ failures: eb.ref('sign_in_throttle.failures') })))
        .returning(['failures', 'last_attempt_at', 'next_attempt_at'])
        .executeTakeFirstOrThrow();
      const waitMs = Date.parse(row.next_attempt_at) - now.getTime();
      if (waitMs > 0) return Math.ceil(waitMs / 1000);

      const overall = await trx.selectFrom('sign_in_throttle').select(['failures', 'last_attempt_at'])
        .where('account', '=', account).where('client', '=', everywhere).executeTakeFirst();
      const accountFailures = overall && overall.last_attempt_at >= quietSince ? overall.failures : 0;
      const failures = (row.last_attempt_at >= quietSince ? row.failures : 0) + 1;
      const delay = delayAfter(failures, accountFailures >= accountUnderAttack ? 0 : freeFailures);
      await trx.updateTable('sign_in_throttle')
        .set({ failures, last_attempt_at: nowIso, next_attempt_at: new Date(now.getTime() + delay * 1000).toISOString() })
        .where('account', '=', account).where('client', '=', client).execute();
      await trx.deleteFrom('sign_in_throttle').where('last_attempt_at', '<', quietSince).execute();
      return 0;
    });
    if (wait > 0) {
      throw new DomainError('rate_limited', `Too many failed sign-ins from your address for this account; try again in ${wait} second${wait === 1 ? '' : 's'}`, { retryAfter: wait });
    }
  }

  /** The guess was right: this client starts afresh (the account's count from everywhere stays). */
  async succeeded(account: string, client: string): Promise<void> {
    await this.db.deleteFrom('sign_in_throttle').where('account', '=', account).where('client', '=', client).execute();
  }

  /** The guess was wrong: one more failure of the account from everywhere. */
  async failed(account: string, now: Date): Promise<void> {
    const nowIso = now.toISOString();
    const quietSince = new Date(now.getTime() - quietPeriodMs).toISOString();
    await this.db.insertInto('sign_in_throttle')
      .values({ account, client: everywhere, failures: 1, last_attempt_at: nowIso, next_attempt_at: nowIso })
      .onConflict((oc) => oc.columns(['account', 'client']).doUpdateSet((eb) => ({
        failures: eb.case().when('sign_in_throttle.last_attempt_at', '<', quietSince).then(eb.lit(1))
          .else(eb('sign_in_throttle.failures', '+', eb.lit(1))).end(),
        last_attempt_at: nowIso,
        next_attempt_at: nowIso,
      })))
      .execute();
  }
}

import { smsSettingsTable } from '@roaauto/shared';
import type { SmsConfig } from '../../config';
import type { Database } from '../../core/db';
import { withTenant } from '../../core/tenancy/tenant-scope';
import type { SyncService } from '../../sync/sync.service';
import type { SmsProvider, SmsSendResult } from './providers/provider';

/** Attempts of a message whose provider could not be reached, before it is marked failed. */
export const maxAttempts = 5;

/** The scheduled job that sweeps the claims left unsent (sms.routes.ts). */
export const smsDispatchJob = 'sms.dispatch';

/** The dispatchers of this process (one per app instance): a push's commit wakes them all. */
const running = new Set<SmsDispatcher>();

/** Wakes every dispatcher of the process (after a push claimed messages). */
export function kickDispatchers(): void {
  for (const d of running) d.kick();
}

/** Resolves once every dispatcher of the process has nothing in hand (tests). */
export async function dispatchersIdle(): Promise<void> {
  for (;;) {
    const busy = [...running].map((d) => d.idle());
    if (!busy.length) return;
    await Promise.all(busy);
    if ([...running].every((d) => d.isIdle())) return;
  }
}

type Log = { error: (obj: object, msg: string) => void };

/**
 * Sends the claimed messages (sms_sends, state `pending`). A message is sent by the process that takes
 * its lease: a conditional update that only one process can win, so two processes (or two sweeps of
 * one) never send one message twice. The result is recorded with the lease held; a process that died
 * between the two leaves a lease that runs out, and the sweeper takes the message again (SMSAPI
 * refuses its idx a second time, so it does not go twice). See docs/sms.md.
 */
export class SmsDispatcher {
  private current: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly database: Database,
    private readonly sync: SyncService,
    private readonly provider: SmsProvider,
    private readonly config: SmsConfig,
    private readonly log: Log,
  ) {}

  /**
   * Starts taking wake-ups, and looks for work once. The periodic sweep is not a timer of this process:
   * it is the `sms.dispatch` schedule on the job system (sms.routes.ts), one run per slot across processes.
   */
  start(): void {
    this.stopped = false;
    running.add(this);
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    running.delete(this);
    await this.current;
  }

  /**
   * One sweep, after the one in progress in this process (the scheduled job's run): it answers how many
   * messages went, and a sweep that fails throws, so the job is retried and, at the end, dead in the console.
   */
  async pass(): Promise<number> {
    while (this.current) await this.current;
    if (this.stopped) return 0;
    const sweep = this.sweep();
    this.current = sweep.then(() => undefined, () => undefined).finally(() => {
      this.current = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
    return sweep;
  }

  /** Looks for work now (or right after the sweep in progress). */
  kick(): void {
    if (this.stopped) return;
    if (this.current) {
      this.again = true;
      return;
    }
    this.current = this.sweep()
      .then(() => undefined, (err: unknown) => this.log.error({ err }, 'sms: the sweep failed'))
      .finally(() => {
        this.current = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  isIdle(): boolean {
    return this.current === null;
  }

  async idle(): Promise<void> {
    while (this.current) await this.current;
  }

  /**
   * One pass over the claims whose lease is free: the platform's own table, read across companies;
   * each message is then handled in its company's scope.
   */
  async sweep(): Promise<number> {
    const now = new Date().toISOString();
    const due = await this.database.db.selectFrom('sms_sends').select(['message_id', 'tenant_id'])
      .where('state', '=', 'pending').where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .orderBy('created_at').limit(50).execute();
    let sent = 0;
    for (const claim of due) {
      if (this.stopped) break;
      if (await this.sendOne(claim.tenant_id, claim.message_id)) sent += 1;
    }
    return sent;
  }

  /** Takes the message's lease and sends it; false when another process holds it or it is done. */
  async sendOne(tenantId: string, messageId: string): Promise<boolean> {
    const leaseMs = this.config.leaseMs ?? 120_000;
    const taken = await withTenant(this.database, tenantId, async (tx) => {
      const now = new Date();
      const result = await tx.db.updateTable('sms_sends')
        .set((eb) => ({ lease_until: new Date(now.getTime() + leaseMs).toISOString(), attempts: eb('attempts', '+', 1), updated_at: now.toISOString() }))
        .where('message_id', '=', messageId).where('state', '=', 'pending')
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now.toISOString())]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return null;
      const claim = await tx.db.selectFrom('sms_sends').select(['telefon', 'attempts']).where('message_id', '=', messageId).executeTakeFirstOrThrow();
      const message = await tx.db.selectFrom('sms_messages').select(['text', 'deleted_at']).where('id', '=', messageId).executeTakeFirst();
      const settings = await tx.db.selectFrom(smsSettingsTable.name).select('expeditor').where('deleted_at', 'is', null)
        .orderBy('created_at').orderBy('id').executeTakeFirst();
      return { claim, message, from: settings?.expeditor ?? null };
    });
    if (!taken) return false;
    const { claim, message, from } = taken;
    const result: SmsSendResult = !message || message.deleted_at
      ? { ok: false, error: 'The message no longer exists', retry: false }
      : await this.provider.send({ to: claim.telefon, text: message.text, from, idx: messageId, notifyUrl: this.notifyUrl() });
    if (!result.ok && result.retry && claim.attempts < maxAttempts) {
      // The lease stays: the sweeper tries again once it runs out.
      this.log.error({ messageId, error: result.error }, 'sms: the provider could not take the message; it will be tried again');
      return false;
    }
    await this.record(tenantId, messageId, result);
    return result.ok;
  }

  private notifyUrl(): string | null {
    const { publicBaseUrl, callbackSecret } = this.config;
    if (!publicBaseUrl || !callbackSecret || this.provider.name === 'outbox') return null;
    return `${publicBaseUrl}/api/sms/callbacks/delivery?secret=${encodeURIComponent(callbackSecret)}`;
  }

  /** The claim's outcome and the message's status, in one write the devices pull. */
  private async record(tenantId: string, messageId: string, result: SmsSendResult): Promise<void> {
    await this.sync.serverWrite(tenantId, async ({ tx, load, now }) => {
      await tx.db.updateTable('sms_sends').set({
        state: result.ok ? 'sent' : 'failed', provider_id: result.ok ? result.providerId : null, lease_until: null, updated_at: now,
      }).where('message_id', '=', messageId).execute();
      const [row] = await load('sms_messages', [messageId]);
      if (!row || row.deleted_at) return { rows: [], result: undefined };
      const changed = result.ok
        ? { status: 'sent', provider_id: result.providerId, eroare: null, trimis_la: now, cost: Number(row.segmente) * this.config.segmentPriceBani }
        : { status: 'failed', eroare: result.error.slice(0, 400) };
      return { rows: [{ table: 'sms_messages', row: { ...row, ...changed }, isNew: false }], result: undefined };
    });
  }
}

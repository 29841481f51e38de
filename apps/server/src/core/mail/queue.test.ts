import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine, type TestDatabase } from '../../test/test-db';
import { openDatabase, type Database } from '../db';
import { JobRunner } from '../jobs/runner';
import { migrateToLatest } from '../migrate';
import type { Mailer, MailMessage } from './mailer';
import { outboxMailer, readOutbox } from './outbox';
import { mailJob, queuedMailer } from './queue';

describe(`e-mail as queued jobs on ${testEngine()}`, () => {
  let target: TestDatabase;
  let database: Database;
  let t = new Date('2026-03-02T10:00:00.000Z').getTime();
  const now = () => new Date(t);

  beforeAll(async () => {
    target = await createTestDatabase();
    database = openDatabase(target.config);
    await migrateToLatest(database);
  });
  afterAll(async () => {
    await database.close();
    await target.drop();
  });

  const job = (id: string) => database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('answers once queued, without waiting for the provider, and hands the message over with its attachments', async () => {
    const runner = new JobRunner(database, { now });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const handed: MailMessage[] = [];
    const slow: Mailer = { provider: 'smtp', send: async (m) => { await gate; handed.push(m); } };
    const mailer = queuedMailer(runner, slow);
    expect(mailer.provider).toBe('smtp');
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 255, 7]);
    await mailer.send({ to: 'ana@exemplu.ro', subject: 'Factura ROA 12', text: 'Bună ziua', replyTo: 'service@exemplu.ro', attachments: [{ filename: 'f.pdf', contentType: 'application/pdf', content: pdf }] });
    expect(handed).toEqual([]); // the provider has not been called, and send has returned
    const [queued] = await database.db.selectFrom('jobs').selectAll().where('name', '=', mailJob).execute();
    expect(queued).toMatchObject({ state: 'queued', max_attempts: 5 });
    const running = runner.runDue();
    release();
    expect(await running).toBe(1);
    expect(handed).toEqual([{ to: 'ana@exemplu.ro', subject: 'Factura ROA 12', text: 'Bună ziua', replyTo: 'service@exemplu.ro', attachments: [{ filename: 'f.pdf', contentType: 'application/pdf', content: pdf }] }]);
    expect(await job(queued?.id ?? '')).toMatchObject({ state: 'done', attempts: 1, payload: 'null' }); // the message is not kept
    await database.db.deleteFrom('jobs').execute();
  });

  it('retries a provider that fails after a backoff, then the message reaches it once; after the last attempt the job is dead', async () => {
    const runner = new JobRunner(database, { now, random: () => 1, backoffMs: 1_000 });
    let failures = 2;
    const flaky: Mailer = {
      provider: 'outbox',
      send: async (m) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('421 the mail server is busy');
        }
        await outboxMailer(database.db).send(m);
      },
    };
    const mailer = queuedMailer(runner, flaky, 3);
    await mailer.send({ to: 'ion@exemplu.ro', subject: 'Resetare parolă', text: 'link' });
    expect(await runner.runDue()).toBe(1);
    const [first] = await database.db.selectFrom('jobs').selectAll().where('name', '=', mailJob).execute();
    expect(first).toMatchObject({ state: 'queued', attempts: 1, last_error: '421 the mail server is busy' });
    expect(await runner.runDue()).toBe(0); // not before its backoff
    t += 1_000;
    expect(await runner.runDue()).toBe(1);
    t += 2_000;
    expect(await runner.runDue()).toBe(1);
    expect(await job(first?.id ?? '')).toMatchObject({ state: 'done', attempts: 3 });
    expect((await readOutbox(database.db, 'ion@exemplu.ro')).map((m) => m.subject)).toEqual(['Resetare parolă']);

    failures = 10;
    await mailer.send({ to: 'dan@exemplu.ro', subject: 'Invitație', text: 'link' });
    for (let i = 0; i < 3; i += 1) {
      await runner.runDue();
      t += 10_000;
    }
    const [dead] = await database.db.selectFrom('jobs').selectAll().where('name', '=', mailJob).where('state', '!=', 'done').execute();
    expect(dead).toMatchObject({ state: 'dead', attempts: 3, last_error: '421 the mail server is busy' });
    expect(JSON.parse(dead?.payload ?? 'null')).toEqual({ to: 'dan@exemplu.ro', subject: 'Invitație', text: 'link' }); // kept for a retry
    expect(await readOutbox(database.db, 'dan@exemplu.ro')).toEqual([]);
  });
});

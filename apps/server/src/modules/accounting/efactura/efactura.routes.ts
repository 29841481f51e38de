import { z } from 'zod';
import { DomainError, efacturaDeadline, isEfacturaLate } from '@roaauto/shared';
import { userOf } from '../../../core/auth/guards';
import { withTenant } from '../../../core/tenancy/tenant-scope';
import type { EfacturaConfig } from '../../../config';
import { tokenKeyProblem } from '../../../config';
import type { ModuleRoutes } from '../../../module-kit';
import { AnafEfacturaHttp, type EfacturaApi } from './anaf-api';
import { EfacturaConnections } from './connection';
import { Sealer } from './sealed';
import { fetchReceived } from './received';
import { EfacturaWorker, efacturaWorkerJob, queueSubmission, type Submission } from './worker';

const cookieName = 'efactura_state';
const callbackPath = '/api/accounting/efactura/callback';

/** The connection's parts, or null while the deployment has no ANAF application (the feature is off). */
export function efacturaParts(config: EfacturaConfig, api?: EfacturaApi): { api: EfacturaApi; sealer: Sealer } | null {
  const { clientId, clientSecret, redirectUri, tokenKey } = config;
  if (!clientId || !clientSecret || !redirectUri) return null;
  const problem = tokenKeyProblem(tokenKey);
  if (problem || !tokenKey) throw new Error(`e-Factura: ANAF_TOKEN_KEY ${problem ?? 'is missing'}; the companies' ANAF tokens are stored encrypted with it (openssl rand -base64 32)`);
  return {
    api: api ?? new AnafEfacturaHttp({ oauthUrl: config.oauthUrl, apiUrl: config.apiUrl, clientId, clientSecret, redirectUri }),
    sealer: new Sealer(tokenKey),
  };
}

const submissionView = z.object({
  invoiceId: z.string(),
  state: z.enum(['none', 'queued', 'uploading', 'uploaded', 'ok', 'nok', 'error']),
  uploadIndex: z.string().nullable(),
  downloadId: z.string().nullable(),
  errors: z.array(z.string()),
  hasZip: z.boolean(),
  deadline: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
type SubmissionView = z.infer<typeof submissionView>;

function errorsOf(row: Pick<Submission, 'errors'>): string[] {
  if (!row.errors) return [];
  try {
    const parsed: unknown = JSON.parse(row.errors);
    return Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
  } catch {
    return [row.errors];
  }
}

function view(invoiceId: string, row: Submission | undefined, dataFactura: string | null): SubmissionView {
  return {
    invoiceId,
    state: row?.state ?? 'none',
    uploadIndex: row?.upload_index ?? null,
    downloadId: row?.download_id ?? null,
    errors: row ? errorsOf(row) : [],
    hasZip: Boolean(row?.zip_key),
    deadline: dataFactura ? efacturaDeadline(dataFactura) : null,
    updatedAt: row?.updated_at ?? null,
  };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/**
 * e-Factura through ANAF's SPV (docs/efactura-spv.md): the owner connects the company (OAuth2), each
 * invoice's state, sending by the button or automatically, ANAF's ZIP, and the list of late invoices.
 * This process's worker uploads and polls.
 */
export const efacturaRoutes: ModuleRoutes = async (app, { guards, database, storage, sync, config, jobs }) => {
  const parts = efacturaParts(config.efactura);
  const connections = parts ? new EfacturaConnections(database, parts.api, parts.sealer) : null;
  const worker = parts && connections ? new EfacturaWorker(database, storage, parts.api, connections, config.efactura, app.log) : null;
  if (worker) {
    app.addHook('onReady', async () => worker.start());
    app.addHook('onClose', async () => worker.stop());
    // Uploads and state polls left to do: a job every `workerMs` (30 s), run by one process per slot; each
    // submission is still taken under its own lease. None when `workerMs` is 0 (tests drive the steps).
    const every = config.efactura.workerMs ?? 0;
    if (every > 0) {
      jobs.schedule({
        name: efacturaWorkerJob,
        everyMinutes: every / 60_000,
        run: async () => {
          await worker.pass();
        },
      });
    }
  }
  // Supplier invoices: every connected company's messages, hourly (with the worker; tests call fetchReceived).
  if (parts && connections && (config.efactura.workerMs ?? 0) > 0) {
    const deps = { database, sync, api: parts.api, connections };
    // A background job each hour (one process runs each hour's slot); a company's failure does not stop the others'.
    jobs.schedule({
      name: 'accounting.efactura-received',
      everyMinutes: 60,
      run: async () => {
        const companies = await database.db.selectFrom('efactura_connections').select('tenant_id').execute();
        for (const c of companies) {
          await fetchReceived(deps, c.tenant_id).catch((err: unknown) => app.log.error({ err, tenantId: c.tenant_id }, 'efactura: supplier invoices could not be read'));
        }
      },
    });
  }
  const need = () => {
    if (!connections || !parts) throw new DomainError('service_unavailable', 'e-Factura is not configured on this server (ANAF_CLIENT_ID)');
    return { connections, api: parts.api };
  };
  const environment: 'test' | 'prod' = /\/prod\//.test(config.efactura.apiUrl) ? 'prod' : 'test';

  app.get('/api/accounting/efactura/status', {
    onRequest: [guards.permission('documents.print'), guards.module('accounting')],
    schema: {
      tags: ['accounting'], summary: 'Whether e-Factura is configured and this company connected to ANAF\'s SPV',
      response: { 200: z.object({ configured: z.boolean(), environment: z.enum(['test', 'prod']), connected: z.boolean(), connectedAt: z.string().nullable(), expiresAt: z.string().nullable(), autoSend: z.boolean() }) },
    },
  }, async (request) => {
    const status = connections ? await connections.status(userOf(request).tenantId) : { connected: false, connectedAt: null, expiresAt: null, autoSend: false };
    return { configured: Boolean(connections), environment, ...status };
  });

  app.post('/api/accounting/efactura/connect', {
    onRequest: [guards.permission('company.update'), guards.module('accounting')],
    schema: { tags: ['accounting'], summary: 'Starts the owner\'s authorization at ANAF: the address to open (with a state bound to the company and user)', response: { 200: z.object({ url: z.string() }) } },
  }, async (request, reply) => {
    const { connections: c, api } = need();
    const auth = userOf(request);
    const { state, nonce } = c.newState(auth.tenantId, auth.userId);
    const secure = (config.efactura.redirectUri ?? '').startsWith('https:') ? '; Secure' : '';
    void reply.header('set-cookie', `${cookieName}=${nonce}; Path=${callbackPath}; HttpOnly; SameSite=Lax; Max-Age=900${secure}`);
    return { url: api.authorizeUrl(state) };
  });

  app.get(callbackPath, {
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['accounting'], summary: 'ANAF sends the owner back here: the code is exchanged and the tokens stored, encrypted',
      querystring: z.object({ code: z.string().max(4000).optional(), state: z.string().max(2000).optional(), error: z.string().max(200).optional() }).loose(),
    },
  }, async (request, reply) => {
    const back = (result: string) => reply.header('set-cookie', `${cookieName}=; Path=${callbackPath}; Max-Age=0`).redirect(`/efactura?spv=${result}`);
    const { connections: c, api } = need();
    const { code, state, error } = request.query;
    if (error || !code || !state) return back('refused');
    let who;
    try {
      who = await c.checkState(state, cookieValue(request.headers.cookie, cookieName));
    } catch {
      return back('invalid');
    }
    try {
      await c.save(who.tenantId, who.userId, await api.exchangeCode(code));
    } catch (err) {
      request.log.error({ err }, 'efactura: the authorization code could not be exchanged');
      return back('failed');
    }
    return back('connected');
  });

  app.post('/api/accounting/efactura/disconnect', {
    onRequest: [guards.permission('company.update'), guards.module('accounting')],
    schema: { tags: ['accounting'], summary: 'Revokes the company\'s ANAF authorization and forgets its tokens' },
  }, async (request, reply) => {
    await need().connections.disconnect(userOf(request).tenantId);
    return reply.code(204).send();
  });

  app.put('/api/accounting/efactura/settings', {
    onRequest: [guards.permission('company.update'), guards.module('accounting')],
    bodyLimit: 1024,
    schema: { tags: ['accounting'], summary: 'Automatic sending of every invoice issued from now on', body: z.object({ autoSend: z.boolean() }).strict() },
  }, async (request, reply) => {
    await need().connections.setAutoSend(userOf(request).tenantId, request.body.autoSend);
    worker?.kick();
    return reply.code(204).send();
  });

  app.post('/api/accounting/efactura/received/fetch', {
    onRequest: [guards.permission('invoices.issue'), guards.module('accounting')],
    config: { rateLimit: { max: 6, timeWindow: '1 minute' } },
    schema: {
      tags: ['accounting'], summary: 'Reads the company\'s supplier invoices from e-Factura now (they reach devices by sync)',
      response: { 200: z.object({ listed: z.number(), stored: z.number(), duplicates: z.number(), unreadable: z.number() }) },
    },
  }, async (request) => {
    const { connections: c, api } = need();
    const auth = userOf(request);
    if (!(await c.status(auth.tenantId)).connected) throw new DomainError('conflict', 'Connect the company to ANAF\'s SPV first', { reason: 'efactura_not_connected' });
    return fetchReceived({ database, sync, api, connections: c }, auth.tenantId);
  });

  const idParams = z.object({ id: z.uuid() });

  app.get('/api/invoices/:id/efactura', {
    onRequest: [guards.permission('documents.print'), guards.module('accounting')],
    schema: { tags: ['accounting'], summary: 'The invoice\'s e-Factura state: not sent, on its way, accepted or rejected (with ANAF\'s errors)', params: idParams, response: { 200: submissionView } },
  }, async (request) => withTenant(database, userOf(request).tenantId, async (tx) => {
    const invoice = await tx.db.selectFrom('invoices').select(['data_factura', 'deleted_at']).where('id', '=', request.params.id).executeTakeFirst();
    if (!invoice || invoice.deleted_at) throw new DomainError('not_found', 'This invoice does not exist');
    const row = await tx.db.selectFrom('efactura_submissions').selectAll().where('invoice_id', '=', request.params.id).executeTakeFirst();
    return view(request.params.id, row, invoice.data_factura);
  }));

  app.post('/api/invoices/:id/efactura/send', {
    onRequest: [guards.permission('invoices.issue'), guards.module('accounting')],
    schema: { tags: ['accounting'], summary: 'Sends the invoice to ANAF (once: a second call changes nothing while it is on its way or done)', params: idParams, response: { 200: submissionView } },
  }, async (request) => {
    const { connections: c } = need();
    const auth = userOf(request);
    if (!(await c.status(auth.tenantId)).connected) throw new DomainError('conflict', 'Connect the company to ANAF\'s SPV first', { reason: 'efactura_not_connected' });
    const row = await withTenant(database, auth.tenantId, (tx) => queueSubmission(tx, request.params.id));
    worker?.kick();
    return view(request.params.id, row, row.data_factura);
  });

  app.get('/api/invoices/:id/efactura.zip', {
    onRequest: [guards.permission('documents.print'), guards.module('accounting')],
    schema: { tags: ['accounting'], summary: 'ANAF\'s ZIP of the invoice (its signed XML, or the errors)', params: idParams },
  }, async (request, reply) => {
    const auth = userOf(request);
    const row = await withTenant(database, auth.tenantId, (tx) => tx.db.selectFrom('efactura_submissions').select(['zip_key', 'serie', 'numar']).where('invoice_id', '=', request.params.id).executeTakeFirst());
    const file = row?.zip_key ? await storage.read(auth.tenantId, row.zip_key) : null;
    if (!row || !file) throw new DomainError('not_found', 'ANAF has not answered for this invoice yet');
    return reply.type('application/zip').header('content-disposition', `attachment; filename="efactura-${row.serie.replace(/[^\w-]/g, '')}${row.numar}.zip"`).send(file.data);
  });

  app.get('/api/accounting/efactura/late', {
    onRequest: [guards.permission('documents.print'), guards.module('accounting')],
    schema: {
      tags: ['accounting'], summary: 'Invoices not accepted by e-Factura past their deadline of 5 working days (or due within 2 days)',
      querystring: z.object({ today: z.iso.date().optional() }),
      response: {
        200: z.object({
          invoices: z.array(z.object({
            id: z.string(), serie: z.string(), numar: z.number(), data: z.string(), client: z.string(), deadline: z.string(), late: z.boolean(), state: submissionView.shape.state,
          })),
        }),
      },
    },
  }, async (request) => {
    const today = request.query.today ?? new Date().toISOString().slice(0, 10);
    // Older than 60 days is ANAF's own horizon for the message list; the deadline list looks back as far.
    const since = new Date(Date.parse(today) - 60 * 86_400_000).toISOString().slice(0, 10);
    const rows = await withTenant(database, userOf(request).tenantId, (tx) => tx.db.selectFrom('invoices')
      .leftJoin('efactura_submissions', 'efactura_submissions.invoice_id', 'invoices.id')
      .select(['invoices.id', 'invoices.serie_factura', 'invoices.nr_factura', 'invoices.data_factura', 'invoices.client_nume', 'efactura_submissions.state'])
      .where('invoices.deleted_at', 'is', null).where('invoices.data_factura', '>=', since)
      .where((eb) => eb.or([eb('efactura_submissions.state', 'is', null), eb('efactura_submissions.state', 'in', ['queued', 'uploading', 'nok', 'error'])]))
      .orderBy('invoices.data_factura').limit(500).execute());
    const soon = new Date(Date.parse(today) + 2 * 86_400_000).toISOString().slice(0, 10);
    return {
      invoices: rows.map((r) => ({
        id: r.id, serie: r.serie_factura, numar: r.nr_factura, data: r.data_factura, client: r.client_nume,
        deadline: efacturaDeadline(r.data_factura), late: isEfacturaLate(r.data_factura, today), state: r.state ?? 'none' as const,
      })).filter((r) => r.late || r.deadline <= soon),
    };
  });
};
